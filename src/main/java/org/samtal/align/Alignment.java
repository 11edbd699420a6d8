package org.samtal.align;

import org.samtal.model.TextUnit;
import org.samtal.model.WordTime;

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
 * @param placedBy  when engines shared the work: per unit index, the engine that placed it (else {@code engine})
 * @param words     per unit index, its words' times in the recording, for engines that time words
 */
public record Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics,
                        Map<Integer, float[]> charTimes, Map<Integer, String> placedBy,
                        Map<Integer, List<WordTime>> words) {
    public Alignment {
        words = Map.copyOf(words);
        spans = List.copyOf(spans);
        unaligned = List.copyOf(unaligned);
        metrics = Map.copyOf(metrics);
        charTimes = Map.copyOf(charTimes);
        placedBy = Map.copyOf(placedBy);
    }

    /** An alignment by one engine. */
    public Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics,
                     Map<Integer, float[]> charTimes) {
        this(engine, spans, unaligned, metrics, charTimes, Map.of(), Map.of());
    }

    /** An alignment by engines that may share the work, without word times. */
    public Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics,
                     Map<Integer, float[]> charTimes, Map<Integer, String> placedBy) {
        this(engine, spans, unaligned, metrics, charTimes, placedBy, Map.of());
    }

    /** An alignment by one engine, without character times. */
    public Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics) {
        this(engine, spans, unaligned, metrics, Map.of(), Map.of(), Map.of());
    }

    /** The engine that placed a span (its first unit's). */
    public String engineOf(AlignedSpan span) {
        return placedBy.getOrDefault(span.units().get(0).index(), engine);
    }
}
