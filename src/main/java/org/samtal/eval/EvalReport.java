package org.samtal.eval;

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
 */
public record EvalReport(@JsonProperty("truth_sentences") int truthSentences, int segments, int boundaries,
                         @JsonProperty("median_error") double medianError, @JsonProperty("p90_error") double p90Error,
                         @JsonProperty("within_50ms") double within50ms, @JsonProperty("within_100ms") double within100ms,
                         @JsonProperty("within_250ms") double within250ms, double coverage,
                         @JsonProperty("false_segments") int falseSegments,
                         @JsonProperty("text_accuracy") double textAccuracy) {

    /** A table for people. */
    public String table() {
        return String.format("""
                truth sentences         %d
                accepted segments       %d
                boundaries measured     %d
                median boundary error   %.0f ms
                90th percentile error   %.0f ms
                within 50 / 100 / 250 ms %.1f%% / %.1f%% / %.1f%%
                coverage                %.1f%% of truth sentences
                false segments          %d
                text accuracy           %.1f%%
                """, truthSentences, segments, boundaries, medianError * 1000, p90Error * 1000, 100 * within50ms,
                100 * within100ms, 100 * within250ms, 100 * coverage, falseSegments, 100 * textAccuracy);
    }
}
