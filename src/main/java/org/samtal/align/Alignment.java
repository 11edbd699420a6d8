package org.samtal.align;

import org.samtal.model.TextUnit;

import java.util.List;
import java.util.Map;

/**
 * What an aligner made of one channel.
 *
 * @param engine    the aligner's name
 * @param spans     placed units, in time order
 * @param unaligned units the aligner could not place (text with no audio)
 * @param metrics   engine-wide figures (e.g. estimated speaking rate)
 * @param charTimes for engines that time characters (Vosk): per unit index, the start and end (seconds) of each of
 *                  its letters and digits in turn, NaN where unmatched; used to silence redacted personal data
 */
public record Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics,
                        Map<Integer, float[]> charTimes) {
    public Alignment {
        spans = List.copyOf(spans);
        unaligned = List.copyOf(unaligned);
        metrics = Map.copyOf(metrics);
        charTimes = Map.copyOf(charTimes);
    }

    /** An alignment without character times. */
    public Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics) {
        this(engine, spans, unaligned, metrics, Map.of());
    }
}
