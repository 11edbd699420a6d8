package org.samtal.intake;

import java.nio.file.Path;
import java.util.List;

/**
 * What intake found among the inputs.
 *
 * @param items   recordings to process, sorted by path, each with its transcript (or none)
 * @param ignored files that are neither media nor a paired transcript, with why
 */
public record IntakeResult(List<WorkItem> items, List<Ignored> ignored) {
    public IntakeResult {
        items = List.copyOf(items);
        ignored = List.copyOf(ignored);
    }

    /**
     * @param file   the file
     * @param reason why it was left out
     */
    public record Ignored(Path file, String reason) {
    }
}
