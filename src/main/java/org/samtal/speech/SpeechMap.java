package org.samtal.speech;

import java.util.List;

/**
 * What speech detection found in one channel: the speech regions, and the level envelope they were found in
 * (the duplicate index fingerprints it).
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
}
