package org.samtal.intake;

import java.nio.file.Path;
import java.util.List;

/**
 * What intake found among the inputs.
 *
 * @param items   recordings to process, sorted by path, each with its transcript (or none)
 * @param ignored files that are neither media nor a paired transcript, with why
 * @param notes   what intake says once about the inputs (folders it did not descend into: corpora, the output)
 */
public record IntakeResult(List<WorkItem> items, List<Ignored> ignored, List<String> notes) {
    public IntakeResult {
        items = List.copyOf(items);
        ignored = List.copyOf(ignored);
        notes = List.copyOf(notes);
    }

    public IntakeResult(List<WorkItem> items, List<Ignored> ignored) {
        this(items, ignored, List.of());
    }

    /**
     * @param file   the file
     * @param reason why it was left out
     */
    public record Ignored(Path file, String reason) {
    }
}
