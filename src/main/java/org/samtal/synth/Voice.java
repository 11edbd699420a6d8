package org.samtal.synth;

/**
 * How one synthetic speaker sounds.
 *
 * @param name  the speaker's name as written in the transcript
 * @param voice espeak-ng voice (language plus optional variant, e.g. {@code is+f3})
 * @param wpm   words per minute
 * @param pitch 0 to 99
 * @param gain  linear gain applied to the speech
 */
public record Voice(String name, String voice, int wpm, int pitch, double gain) {
}
