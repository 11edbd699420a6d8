package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.model.TextUnit;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackedAlignerTest {
    static final List<TextUnit> UNITS = List.of(unit(0), unit(1), unit(2), unit(3));

    static TextUnit unit(int i) {
        return new TextUnit(i, i, "a", "Setning " + i + ".", i * 20, i * 20 + 11);
    }

    static AlignedSpan span(int i, double start, double end, double score) {
        return new AlignedSpan(List.of(UNITS.get(i)), start, end, score, Map.of());
    }

    @Test
    void eachSentenceKeepsTheBetterPlacementInOrder() {
        // the recogniser places 0 and 2 (2 weakly) and leaves 1 and 3 out
        Alignment vosk = new Alignment("vosk", List.of(span(0, 1, 3, 0.9), span(2, 8, 10, 0.3)),
                List.of(UNITS.get(1), UNITS.get(3)), Map.of(), Map.of(0, new float[]{1f, 2f}));
        // the synthetic aligner places all four; its 2 is better, its 1 sits where it should, its 0 is worse
        Alignment synthetic = new Alignment("synthetic", List.of(span(0, 1.1, 3.1, 0.6), span(1, 4, 7, 0.8),
                span(2, 8.1, 10.2, 0.7), span(3, 11, 13, 0.2)), List.of(), Map.of());
        Alignment merged = BackedAligner.merge(UNITS, vosk, synthetic);
        assertThat(merged.spans()).extracting(s -> s.units().get(0).index()).containsExactly(0, 1, 2, 3);
        assertThat(merged.spans()).extracting(merged::engineOf).containsExactly("vosk", "synthetic", "synthetic", "synthetic");
        assertThat(merged.spans()).extracting(AlignedSpan::score).containsExactly(0.9, 0.8, 0.7, 0.2);
        assertThat(merged.charTimes()).containsOnlyKeys(0);
        assertThat(merged.unaligned()).isEmpty();
        assertThat(merged.metrics()).containsEntry("placed_by.vosk", 1.0).containsEntry("placed_by.synthetic", 3.0);
    }

    @Test
    void aPlacementOutOfOrderOrOverlappingIsNotKept() {
        Alignment vosk = new Alignment("vosk", List.of(span(0, 1, 3, 0.9), span(1, 4, 6, 0.9)), List.of(), Map.of());
        // the synthetic aligner puts 2 before 1 (out of order) and 3 over 1 (overlapping)
        Alignment synthetic = new Alignment("synthetic", List.of(span(2, 3.5, 3.9, 0.95), span(3, 5, 7, 0.95)),
                List.of(), Map.of());
        Alignment merged = BackedAligner.merge(UNITS, vosk, synthetic);
        // the best go first: 2 (3.5-3.9) and 3 (5-7) are kept; then 1 (4-6) would have to lie before 2 and overlaps 3
        assertThat(merged.spans()).extracting(s -> s.units().get(0).index()).containsExactly(0, 2, 3);
        assertThat(merged.unaligned()).extracting(TextUnit::index).containsExactly(1);
    }
}
