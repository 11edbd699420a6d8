package org.samtal.align;

/**
 * Turns each engine's evidence into the one {@code score} in [0, 1] that means the same whatever the engine: how
 * likely the segment's text is the audio's and its edges are where the speech is. The synthetic aligner's weights
 * were fitted on real speech with known placements ({@code corpora/calibration}); Vosk's on what the recogniser
 * heard against the text.
 */
final class Calibration {
    private Calibration() {
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
