package org.samtal.speech;

/**
 * Tuning of {@link SpeechDetector}. The defaults suit conversational speech in studio and field recordings.
 *
 * @param frameSeconds     analysis window
 * @param hopSeconds       step between windows (the resolution of every boundary)
 * @param minSpeech        speech shorter than this is dropped as a click or breath
 * @param minPause         pauses shorter than this are bridged (they are gaps between words, not between phrases)
 * @param floorPercentile  percentile of frame levels taken as the noise floor around each point
 * @param floorWindow      seconds of audio the local noise floor is taken over
 * @param thresholdRatio   where the threshold sits between the local noise floor and the speech level (0..1)
 * @param minMarginDb      the threshold is at least this far above the floor
 * @param lowHz            lower edge of the speech band analysed
 * @param highHz           upper edge of the speech band analysed
 */
public record DetectorSettings(double frameSeconds, double hopSeconds, double minSpeech, double minPause,
                               double floorPercentile, double floorWindow, double thresholdRatio, double minMarginDb,
                               float lowHz, float highHz) {
    public DetectorSettings {
        if (hopSeconds <= 0 || frameSeconds < hopSeconds) throw new IllegalArgumentException("frame must be >= hop > 0");
        if (thresholdRatio <= 0 || thresholdRatio >= 1) throw new IllegalArgumentException("thresholdRatio in (0,1)");
        if (lowHz >= highHz) throw new IllegalArgumentException("lowHz must be below highHz");
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(0.025, 0.010, 0.08, 0.20, 10, 10, 0.3, 4, 150, 4000);
    }

    public DetectorSettings withMinPause(double s) {
        return new DetectorSettings(frameSeconds, hopSeconds, minSpeech, s, floorPercentile, floorWindow, thresholdRatio,
                minMarginDb, lowHz, highHz);
    }

    public DetectorSettings withMinSpeech(double s) {
        return new DetectorSettings(frameSeconds, hopSeconds, s, minPause, floorPercentile, floorWindow, thresholdRatio,
                minMarginDb, lowHz, highHz);
    }
}
