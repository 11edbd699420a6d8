package org.samtal.model;

import java.util.Objects;

/**
 * One speaker's stretch of a transcript, as delivered.
 *
 * @param speaker  stable speaker id (normalised name), or {@code null} when the transcript names none
 * @param text     the delivered text of the turn
 * @param start    start in seconds when the transcript is timed, else {@code null}
 * @param end      end in seconds when the transcript is timed, else {@code null}
 * @param channel  audio channel the turn belongs to, or {@code null} for the mono mix
 * @param offset   character offset of the turn's text in the delivered file (after decoding)
 * @param continues whether it carries on the turn before it: a piece of one passage too long to place whole, cut
 *                  where the text has no sentence boundary (so its speech runs on into its neighbour's)
 */
public record Turn(String speaker, String text, Double start, Double end, Integer channel, int offset,
                   boolean continues) {
    public Turn {
        Objects.requireNonNull(text, "text");
        if ((start == null) != (end == null)) throw new IllegalArgumentException("start and end go together");
        if (start != null && end < start) throw new IllegalArgumentException("end before start: " + start + " > " + end);
    }

    public Turn(String speaker, String text, Double start, Double end, Integer channel, int offset) {
        this(speaker, text, start, end, channel, offset, false);
    }

    /** An untimed turn. */
    public static Turn of(String speaker, String text, int offset) {
        return new Turn(speaker, text, null, null, null, offset);
    }

    public boolean timed() {
        return start != null;
    }
}
