package org.samtal.synth;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code truth.json}: where every sentence of a generated recording really is.
 *
 * @param sampleRate rate the truth was measured at
 * @param duration   seconds
 * @param media      the files made from this conversation (same audio in each)
 * @param sentences  every sentence with its exact start and end
 */
public record TruthFile(@JsonProperty("sample_rate") int sampleRate, double duration, List<String> media,
                        List<TruthSentence> sentences) {
}
