package org.samtal.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A delivered transcript read into turns.
 *
 * @param source the delivered file
 * @param format the format it was read as (e.g. {@code plain}, {@code turns})
 * @param turns  turns in delivered order
 * @param notes  remarks about how the file was read (encoding guesses, skipped parts), for the build report
 */
public record Transcript(Path source, String format, List<Turn> turns, List<String> notes) {
    public Transcript {
        turns = List.copyOf(turns);
        notes = List.copyOf(notes);
    }

    public boolean timed() {
        return !turns.isEmpty() && turns.stream().allMatch(Turn::timed);
    }
}
