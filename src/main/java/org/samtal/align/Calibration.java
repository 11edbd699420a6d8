package org.samtal.align;

/**
 * Turns each engine's evidence into the one {@code score} in [0, 1] that means the same whatever the engine: how
 * likely the segment's text is the audio's and its edges are where the speech is. The constants were fitted on
 * speech with known truth: espeak-ng conversations in other voices and speeds than the aligner's, clean and with
 * noise at 20 and 10 dB SNR, through mp3, aligned once with their own transcript and once with an unrelated one,
 * and real read speech (see {@code SyntheticAlignerTest}, {@code RealSpeechTest} and {@code samtal eval}). With
 * these constants every sentence placed within 250 ms of the truth scored at least 0.5, and every sentence aligned
 * to an unrelated transcript scored below it.
 */
final class Calibration {
    /** Sentence contrast (own fit over others' fit) at which a sentence is as likely right as wrong. */
    static final double CONTRAST_MIDPOINT = 0.95;
    static final double CONTRAST_SCALE = 0.025;
    /** Path distance over chance distance at which a sentence is as likely right as wrong. */
    static final double RATIO_MIDPOINT = 0.82;
    static final double RATIO_SCALE = 0.04;
    /**
     * A recording whose median sentence contrast is above this has a transcript that is not its own. Measured
     * medians: 0.50 to 0.79 for generated speech with its own transcript (0.78 on the 1-hour bench), 0.84 for real
     * read speech (LibriVox clips of pocketsphinx-testdata, against espeak-ng's English), 0.96 for the same clips
     * with five other English sentences as transcript, 0.95 to 1.00 for generated speech with an unrelated
     * transcript.
     */
    static final double RECORDING_CONTRAST_MIDPOINT = 0.93;
    static final double RECORDING_CONTRAST_SCALE = 0.015;
    /** A sentence may take this many times the speaker's typical time for its text before it is doubted. */
    static final double PACE_TOLERANCE = 1.4;
    /** Extra tolerance for short sentences: this many seconds over the sentence's synthetic length. */
    static final double PACE_SHORT_SECONDS = 0.35;

    private Calibration() {
    }

    /**
     * @param contrast          the sentence's own fit over other sentences' fit (lower is better)
     * @param ratio             mean path distance along the sentence over the chance distance
     * @param durationRatio     real duration over synthetic duration (espeak-ng reads at about 175 words a minute)
     * @param recordingContrast median contrast of the recording's sentences
     * @param typicalDuration   median duration ratio of the recording's sentences (the speaker's pace)
     * @param syntheticSeconds  the sentence's synthetic duration
     */
    static double synthetic(double contrast, double ratio, double durationRatio, double recordingContrast,
                            double typicalDuration, double syntheticSeconds) {
        if (Double.isNaN(ratio)) return 0;
        double z = (RATIO_MIDPOINT - ratio) / RATIO_SCALE;
        if (!Double.isNaN(contrast)) z += (CONTRAST_MIDPOINT - contrast) / CONTRAST_SCALE;
        double sentence = logistic(z);
        double recording = Double.isNaN(recordingContrast) ? 1
                : logistic((RECORDING_CONTRAST_MIDPOINT - recordingContrast) / RECORDING_CONTRAST_SCALE);
        // people speak 0.45 to 2.2 times espeak-ng's speed; far outside that the sentence is not where it was put
        double d = Math.abs(Math.log(Math.max(1e-3, durationRatio)));
        double plausible = d <= Math.log(2.2) ? 1 : Math.exp(-4 * (d - Math.log(2.2)));
        // a sentence much longer or shorter than the speaker's own pace says it has taken in audio that is not its
        // own (music before it, a neighbour's words) or lost some; short sentences vary more
        double pace = Math.abs(Math.log(Math.max(1e-3, durationRatio) / Math.max(1e-3, typicalDuration)));
        double tolerance = Math.log(PACE_TOLERANCE) + PACE_SHORT_SECONDS / Math.max(0.1, syntheticSeconds);
        double steady = pace <= tolerance ? 1 : Math.exp(-8 * (pace - tolerance));
        return Math.max(0, Math.min(1, sentence * recording * plausible * steady));
    }

    /**
     * Weights of the pause-to-pause score, fitted by logistic regression on real read speech with known placements
     * ({@code corpora/calibration}: Icelandic read by 23 speakers joined two ways with both transcript styles, the
     * same with ten pairs of sentences swapped, LibriVox English), a wrong placement weighing four times a right one
     * (a wrong segment in a training set costs more than a right one left out): edge margin, margin, contrast,
     * pace, bias.
     */
    static final double W_EDGE_MARGIN = 38.14;
    static final double W_MARGIN = -0.64;
    static final double W_CONTRAST = 21.48;
    static final double CONTRAST_CENTRE = 0.95;
    static final double W_PACE = -4.44;
    static final double BIAS = -0.31;
    /**
     * A recording whose median sentence margin is below this has a transcript that is not its own: measured medians
     * 0.19 to 0.30 for real read speech with its own transcript, 0.00 with another recording's.
     */
    static final double RECORDING_MARGIN_MIDPOINT = 0.08;
    static final double RECORDING_MARGIN_SCALE = 0.02;
    /**
     * ...and one whose median contrast is above this: a short recording leaves few other places to compare with, so
     * its margins stay up even with another text (five LibriVox sentences with five other sentences of the novel:
     * median margin 0.08, median contrast 1.01); measured medians with the own transcript 0.84 (LibriVox) and 0.89
     * to 0.92 (Icelandic read speech), with another 0.99 to 1.01.
     */
    static final double RECORDING_PLACED_CONTRAST_MIDPOINT = 0.96;
    static final double RECORDING_PLACED_CONTRAST_SCALE = 0.012;

    /**
     * Score of a sentence placed pause to pause ({@link PausePlacement}).
     *
     * @param edgeMargin      how much worse the best placement with an edge elsewhere is (per synthetic frame, in
     *                        background distances)
     * @param margin          the same for a placement on other speech altogether
     * @param contrast        own fit over other sentences' fit on the same audio (lower is better)
     * @param durationRatio   the sentence's real speech over its synthetic speech
     * @param typicalDuration the recording's median duration ratio (the speaker's pace against espeak-ng's)
     * @param recordingMargin   median margin of the recording's sentences
     * @param recordingContrast median contrast of the recording's sentences
     */
    static double placed(double edgeMargin, double margin, double contrast, double durationRatio, double typicalDuration,
                         double recordingMargin, double recordingContrast) {
        // a sentence much slower or faster than its speaker has taken in a neighbour's words, or lost some
        double pace = Double.isNaN(typicalDuration) ? 0
                : Math.abs(Math.log(Math.max(1e-3, durationRatio) / Math.max(1e-3, typicalDuration)));
        double z = W_EDGE_MARGIN * edgeMargin + W_MARGIN * margin
                + W_CONTRAST * (Double.isNaN(contrast) ? 0 : CONTRAST_CENTRE - contrast) + W_PACE * pace + BIAS;
        double recording = (Double.isNaN(recordingMargin) ? 1
                : logistic((recordingMargin - RECORDING_MARGIN_MIDPOINT) / RECORDING_MARGIN_SCALE))
                * (Double.isNaN(recordingContrast) ? 1
                : logistic((RECORDING_PLACED_CONTRAST_MIDPOINT - recordingContrast) / RECORDING_PLACED_CONTRAST_SCALE));
        return Math.max(0, Math.min(1, logistic(z) * recording));
    }

    /** Character error rate at which a recognised sentence is as likely right as wrong. */
    static final double CER_MIDPOINT = 0.5;
    static final double CER_SCALE = 0.08;

    /**
     * @param cer     character error rate of what the recogniser heard in the span against the sentence
     * @param matched share of the sentence's characters matched to recognised characters
     */
    static double vosk(double cer, double matched) {
        return Math.max(0, Math.min(1, logistic((CER_MIDPOINT - cer) / CER_SCALE) * logistic((matched - 0.3) / 0.08)));
    }

    static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
