package org.samtal.align;

import org.samtal.model.TextUnit;

import java.util.List;
import java.util.Map;

/**
 * Consecutive transcript units placed at one stretch of audio.
 *
 * @param units   the sentences, in order (more than one when the audio gives no pause to separate them)
 * @param start   speech start, seconds
 * @param end     speech end, seconds
 * @param score   confidence in [0, 1]
 * @param metrics engine metrics (e.g. {@code duration_ratio})
 * @param hypothesis what a recogniser heard there, for engines that recognise ({@code null} otherwise)
 */
public record AlignedSpan(List<TextUnit> units, double start, double end, double score, Map<String, Double> metrics,
                          String hypothesis) {
    public AlignedSpan {
        units = List.copyOf(units);
        metrics = Map.copyOf(metrics);
        if (units.isEmpty()) throw new IllegalArgumentException("a span holds at least one unit");
        if (end < start) throw new IllegalArgumentException("span ends before it starts");
    }

    /** A span from an engine that does not recognise speech. */
    public AlignedSpan(List<TextUnit> units, double start, double end, double score, Map<String, Double> metrics) {
        this(units, start, end, score, metrics, null);
    }

    public String text() {
        return String.join(" ", units.stream().map(TextUnit::text).toList());
    }

    public String speaker() {
        return units.get(0).speaker();
    }
}
