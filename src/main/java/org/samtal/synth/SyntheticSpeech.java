package org.samtal.synth;

/**
 * Text units spoken one after another, with where each unit's speech is.
 *
 * @param pcm        16-bit mono samples
 * @param sampleRate their rate
 * @param unitStart  start of each unit's speech, seconds
 * @param unitEnd    end of each unit's speech, seconds
 */
public record SyntheticSpeech(short[] pcm, int sampleRate, double[] unitStart, double[] unitEnd) {
    public double duration() {
        return (double) pcm.length / sampleRate;
    }
}
