package org.samtal.media;

/**
 * How to decode a file.
 *
 * @param sampleRate  output rate (16 kHz for speech corpora)
 * @param audioStream which audio stream, counted among audio streams from 0
 * @param mixToMono   {@code true}: one mono mix; {@code false}: one output channel per source channel
 */
public record DecodeOptions(int sampleRate, int audioStream, boolean mixToMono) {
    public static final int SPEECH_RATE = 16_000;

    public DecodeOptions {
        if (sampleRate < 8000 || sampleRate > 192_000) throw new IllegalArgumentException("sample rate " + sampleRate);
        if (audioStream < 0) throw new IllegalArgumentException("audio stream must be >= 0");
    }

    public static DecodeOptions speechMono() {
        return new DecodeOptions(SPEECH_RATE, 0, true);
    }
}
