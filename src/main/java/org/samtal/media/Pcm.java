package org.samtal.media;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** 16-bit little-endian PCM, the one sample layout samtal keeps audio in (on disk and for TarsosDSP). */
public final class Pcm {
    private Pcm() {
    }

    /** Samples as a stream of little-endian bytes, e.g. for a TarsosDSP dispatcher. */
    public static InputStream stream(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        encode(samples, 0, samples.length, bytes);
        return new ByteArrayInputStream(bytes);
    }

    /** A value as a 16-bit sample: rounded, and clipped where it would overflow (a mix or a gain can exceed it). */
    public static short sample(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    /** Writes {@code count} samples from {@code from} into {@code out} as little-endian bytes. */
    static void encode(short[] samples, int from, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            short s = samples[from + i];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
    }
}
