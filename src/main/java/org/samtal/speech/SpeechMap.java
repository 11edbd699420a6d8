package org.samtal.speech;

import java.util.List;

/**
 * What speech detection found in one channel: the speech regions, and the level envelope they were found in
 * (aligners use it to put boundaries in the quietest spot of a pause).
 *
 * @param regions    speech regions in time order, non-overlapping
 * @param hopSeconds time between envelope frames
 * @param levelDb    band level of each frame in dB relative to full scale
 * @param noiseFloorDb median of the local noise floor
 * @param speechLevelDb level of loud speech (95th percentile)
 */
public record SpeechMap(List<SpeechRegion> regions, double hopSeconds, float[] levelDb, double noiseFloorDb,
                        double speechLevelDb) {
    public SpeechMap {
        regions = List.copyOf(regions);
    }

    public double speechSeconds() {
        return regions.stream().mapToDouble(SpeechRegion::duration).sum();
    }

    /** Level at a time, in dB; very quiet outside the audio. */
    public double levelAt(double seconds) {
        int i = (int) Math.floor(seconds / hopSeconds);
        return i < 0 || i >= levelDb.length ? -120 : levelDb[i];
    }

    /**
     * The quietest moment within {@code [from, to]} (the middle of the quietest run), for placing a cut in a pause.
     */
    public double quietestBetween(double from, double to) {
        int a = Math.max(0, (int) Math.floor(from / hopSeconds));
        int b = Math.min(levelDb.length - 1, (int) Math.ceil(to / hopSeconds));
        if (b < a) return (from + to) / 2;
        float min = Float.MAX_VALUE;
        for (int i = a; i <= b; i++) min = Math.min(min, levelDb[i]);
        // middle of the longest run within 1 dB of the minimum
        int bestStart = a;
        int bestLen = 0;
        int runStart = -1;
        for (int i = a; i <= b + 1; i++) {
            boolean quiet = i <= b && levelDb[i] <= min + 1;
            if (quiet && runStart < 0) runStart = i;
            if (!quiet && runStart >= 0) {
                if (i - runStart > bestLen) {
                    bestLen = i - runStart;
                    bestStart = runStart;
                }
                runStart = -1;
            }
        }
        double t = (bestStart + bestLen / 2.0 + 0.5) * hopSeconds;
        return Math.max(from, Math.min(to, t));
    }
}
