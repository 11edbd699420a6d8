package org.samtal.synth;

/**
 * Where a synthesised sentence really is: the first and last sample above silence, in seconds.
 *
 * @param index   position in the conversation
 * @param turn    turn index
 * @param speaker speaker name
 * @param text    the sentence
 * @param start   exact speech start
 * @param end     exact speech end
 * @param channel channel the speaker is on (0 in a mono file)
 */
public record TruthSentence(int index, int turn, String speaker, String text, double start, double end, int channel) {
}
