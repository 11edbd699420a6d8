package org.samtal.corpus;

import java.util.Base64;
import java.util.BitSet;

/**
 * A recording's audio fingerprint for finding near-duplicates: whether the speech-band level rises or falls from
 * one 100 ms step to the next. It survives re-encoding (levels barely move) and trims (the comparison slides one
 * print along the other).
 *
 * @param bits   the rises, as Base64 of a bit set
 * @param length number of steps
 */
public record Fingerprint(String bits, int length) {
    private static final int STEP = 10; // 10 frames of 10 ms
    /** How far one print may be shifted against the other: trims of up to 5 s. */
    private static final int MAX_SHIFT = 50;
    /** Share of agreeing steps over the overlap that makes two recordings the same audio. */
    static final double SAME = 0.85;

    /** From a level envelope of 10 ms frames. */
    public static Fingerprint of(float[] levelDb) {
        int n = levelDb.length / STEP;
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < STEP; k++) s += levelDb[i * STEP + k];
            mean[i] = s / STEP;
        }
        BitSet rises = new BitSet(Math.max(0, n - 1));
        for (int i = 0; i + 1 < n; i++) if (mean[i + 1] > mean[i]) rises.set(i);
        return new Fingerprint(Base64.getEncoder().encodeToString(rises.toByteArray()), Math.max(0, n - 1));
    }

    /** The best share of agreeing steps over all shifts whose overlap covers most of the shorter recording. */
    public double similarity(Fingerprint other) {
        BitSet a = BitSet.valueOf(Base64.getDecoder().decode(bits));
        BitSet b = BitSet.valueOf(Base64.getDecoder().decode(other.bits));
        int shorter = Math.min(length, other.length);
        if (shorter < 50 || Math.abs(length - other.length) > Math.max(MAX_SHIFT, 0.1 * shorter)) return 0;
        double best = 0;
        for (int shift = -MAX_SHIFT; shift <= MAX_SHIFT; shift++) {
            int from = Math.max(0, -shift);
            int to = Math.min(length, other.length - shift);
            if (to - from < 0.8 * shorter) continue;
            int same = 0;
            for (int i = from; i < to; i++) if (a.get(i) == b.get(i + shift)) same++;
            best = Math.max(best, (double) same / (to - from));
        }
        return best;
    }

    public boolean sameAudioAs(Fingerprint other) {
        return similarity(other) >= SAME;
    }
}
