package org.samtal.model;

/**
 * The smallest piece of transcript text an aligner places in time: one sentence of one turn.
 *
 * @param index     position in the transcript's unit list
 * @param turn      index of the turn the sentence belongs to
 * @param speaker   speaker id of that turn, or {@code null}
 * @param text      the sentence as delivered
 * @param charStart offset of the sentence's first character in the delivered file
 * @param charEnd   offset just past its last character
 * @param continues whether it carries on the unit before it with no sentence boundary between (a piece of a passage
 *                  cut for length, see {@link Turn#continues})
 */
public record TextUnit(int index, int turn, String speaker, String text, int charStart, int charEnd,
                       boolean continues) {
    public TextUnit(int index, int turn, String speaker, String text, int charStart, int charEnd) {
        this(index, turn, speaker, text, charStart, charEnd, false);
    }
}
