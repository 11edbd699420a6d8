package org.samtal.eval;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How well a built corpus matches the truth of generated speech.
 *
 * @param truthSentences       sentences in the truth
 * @param segments             accepted segments of the recording(s) the truth describes
 * @param boundaries           boundaries measured (a start and an end per matched segment)
 * @param medianError          median boundary error, seconds
 * @param p90Error             90th percentile boundary error, seconds
 * @param within50ms           share of boundaries within 50 ms of the true speech edge
 * @param within100ms          share within 100 ms
 * @param within250ms          share within 250 ms
 * @param coverage             share of truth sentences inside an accepted segment
 * @param falseSegments        accepted segments that match no truth sentence where they are
 * @param textAccuracy         share of accepted segments whose text is exactly the truth's for where they are
 * @param placedRight          share of truth sentences in accepted segments placed right
 * @param precision            share of accepted sentences placed right
 * @param scoreAuc             chance that a segment placed right outscores one placed wrong (0.5: the score is no
 *                             guide; NaN when there are not both)
 * @param sweep                placed right and precision at each score threshold (meaningful for a corpus built
 *                             with {@code --min-score 0})
 */
public record EvalReport(@JsonProperty("truth_sentences") int truthSentences, int segments, int boundaries,
                         @JsonProperty("median_error") double medianError, @JsonProperty("p90_error") double p90Error,
                         @JsonProperty("within_50ms") double within50ms, @JsonProperty("within_100ms") double within100ms,
                         @JsonProperty("within_250ms") double within250ms, double coverage,
                         @JsonProperty("false_segments") int falseSegments,
                         @JsonProperty("text_accuracy") double textAccuracy,
                         @JsonProperty("placed_right") double placedRight, double precision,
                         @JsonProperty("score_auc") double scoreAuc, List<Threshold> sweep) {

    /**
     * @param minScore    the threshold
     * @param placedRight share of truth sentences accepted and placed right at it
     * @param precision   share of accepted sentences placed right
     * @param accepted    sentences accepted
     */
    public record Threshold(@JsonProperty("min_score") double minScore, @JsonProperty("placed_right") double placedRight,
                            double precision, int accepted) {
    }

    /** A table for people. */
    public String table() {
        return String.format(Locale.ROOT, """
                truth sentences         %d
                accepted segments       %d
                boundaries measured     %d
                median boundary error   %.0f ms
                90th percentile error   %.0f ms
                within 50 / 100 / 250 ms %.1f%% / %.1f%% / %.1f%%
                coverage                %.1f%% of truth sentences
                false segments          %d
                text accuracy           %.1f%%
                placed right            %.1f%% of truth sentences (accepted, inside their own clip or span)
                precision               %.1f%% of accepted sentences placed right
                score AUC               %s
                """, truthSentences, segments, boundaries, medianError * 1000, p90Error * 1000, 100 * within50ms,
                100 * within100ms, 100 * within250ms, 100 * coverage, falseSegments, 100 * textAccuracy,
                100 * placedRight, 100 * precision, Double.isNaN(scoreAuc)
                        ? "n/a (needs both right and wrong segments; here " + (falseSegments == 0 ? "none is wrong)" : "none is right)")
                        : String.format(Locale.ROOT, "%.3f (right against wrong segments; 0.5 = no guide)", scoreAuc))
                + "min score  placed right  precision  accepted\n"
                + String.join("", sweep.stream().map(t -> String.format(Locale.ROOT, "%9.1f  %11.1f%%  %8.1f%%  %8d%n",
                t.minScore(), 100 * t.placedRight(), 100 * t.precision(), t.accepted())).toList());
    }
}
