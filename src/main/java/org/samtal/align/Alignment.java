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
 */
public record Alignment(String engine, List<AlignedSpan> spans, List<TextUnit> unaligned, Map<String, Double> metrics) {
    public Alignment {
        spans = List.copyOf(spans);
        unaligned = List.copyOf(unaligned);
        metrics = Map.copyOf(metrics);
    }
}
