package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.model.WordTime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SegmenterTest {
    private final Recording rec = new Recording("viðtal-0123abcd", Path.of("viðtal.wav"), "0".repeat(64), 30, 16_000, 1, "is");

    private static AlignedSpan span(int i, String speaker, double start, double end, double score) {
        return new AlignedSpan(List.of(new TextUnit(i, i, speaker, "Setning " + i + ".", i * 20, i * 20 + 11)), start, end,
                score, Map.of());
    }

    @Test
    void aSentenceLongerThanTheLongestSegmentIsCutAtItsWidestPausesBetweenWords() {
        // 30 words over 28 s: a word a second (0.8 s long) except a 1.5 s pause after word 11 and a 0.6 s one after 22
        List<WordTime> words = new java.util.ArrayList<>();
        StringBuilder text = new StringBuilder();
        double t = 1.0;
        for (int i = 0; i < 30; i++) {
            words.add(new WordTime("orð" + i, t, t + 0.8));
            text.append(i == 0 ? "" : " ").append("orð").append(i).append(i == 29 ? "." : "");
            t += i == 11 ? 2.3 : i == 22 ? 1.4 : 0.9;
        }
        TextUnit unit = new TextUnit(0, 0, "a", text.toString(), 100, 100 + text.length());
        AlignedSpan span = new AlignedSpan(List.of(unit), 1.0, words.get(29).end(), 0.9, Map.of());
        Alignment a = new Alignment("synthetic", List.of(span), List.of(), Map.of(), Map.of(), Map.of(), Map.of(0, words));
        Recording long_ = new Recording("viðtal-0123abcd", Path.of("viðtal.wav"), "0".repeat(64), 40, 16_000, 1, "is");
        List<Segment> segs = new Segmenter(SegmentationPolicy.defaults()).segments(long_, a, 0);
        assertThat(segs).hasSize(2);
        // the first piece ends at the widest pause within 20 s, after word 11
        assertThat(segs.get(0).text()).isEqualTo(text.substring(0, text.indexOf(" orð12")));
        assertThat(segs.get(0).speechEnd()).isCloseTo(words.get(11).end(), within(1e-9));
        assertThat(segs.get(1).speechStart()).isCloseTo(words.get(12).start(), within(1e-9));
        assertThat(segs.get(1).text()).endsWith("orð29.");
        assertThat(segs).allSatisfy(g -> assertThat(g.speechEnd() - g.speechStart()).isLessThanOrEqualTo(20));
        // each piece keeps its delivered text's place in the transcript and its own words
        assertThat(segs.get(1).charStart()).isEqualTo(100 + text.indexOf("orð12"));
        assertThat(segs.get(1).charEnd()).isEqualTo(100 + text.length());
        assertThat(segs.get(0).words()).hasSize(12);
        assertThat(segs.get(1).words()).hasSize(18);
        assertThat(segs.get(1).metrics()).containsEntry("split", 1.0);
    }

    @Test
    void aPieceOfAPassageWhoseOtherPieceFoundNoAudioScoresZero() {
        // one passage of a speaker cut for length into three pieces; the middle one found no audio
        TextUnit first = new TextUnit(0, 0, "a", "uh so this is the sick corpus uh i have a cold", 0, 47, false);
        TextUnit middle = new TextUnit(1, 1, "a", "so i probably sound quite different", 48, 83, true);
        TextUnit last = new TextUnit(2, 2, "a", "than the acoustic corpus", 84, 108, true);
        TextUnit other = new TextUnit(3, 3, "b", "Önnur setning hér.", 110, 128, false);
        Alignment a = new Alignment("synthetic", List.of(
                new AlignedSpan(List.of(first), 1.0, 6.0, 0.9, Map.of()),
                new AlignedSpan(List.of(last), 6.5, 9.0, 0.9, Map.of()),
                new AlignedSpan(List.of(other), 10.0, 12.0, 0.9, Map.of())), List.of(middle), Map.of());
        List<Segment> segments = new Segmenter(new SegmentationPolicy(0.5, 20, 0.15, 0, 0.5)).segments(rec, a, 0);
        assertThat(segments).hasSize(3);
        // both neighbours of the unplaced piece may hold its words; the other speaker's sentence is not theirs
        assertThat(segments.get(0).score()).isZero();
        assertThat(segments.get(0).metrics()).containsEntry("passage_piece_unplaced", 1.0);
        assertThat(segments.get(1).score()).isZero();
        assertThat(segments.get(2).score()).isEqualTo(0.9);

        // a sentence of its own (not a piece) beside an unplaced one keeps its score
        TextUnit own = new TextUnit(1, 1, "a", "Ný setning.", 48, 59, false);
        Alignment b = new Alignment("synthetic", List.of(new AlignedSpan(List.of(first), 1.0, 6.0, 0.9, Map.of())),
                List.of(own), Map.of());
        assertThat(new Segmenter(new SegmentationPolicy(0.5, 20, 0.15, 0, 0.5)).segments(rec, b, 0).get(0).score())
                .isEqualTo(0.9);
    }

    @Test
    void padsIntoSilenceButNeverPastHalfThePause() {
        Alignment a = new Alignment("length", List.of(span(0, "a", 1.0, 3.0, 0.9), span(1, "b", 3.1, 6.0, 0.8)), List.of(), Map.of());
        List<Segment> segs = new Segmenter(SegmentationPolicy.defaults()).segments(rec, a, 0);
        assertThat(segs).hasSize(2);
        assertThat(segs.get(0).start()).isCloseTo(0.85, within(1e-9));
        assertThat(segs.get(0).end()).isCloseTo(3.05, within(1e-9));
        assertThat(segs.get(1).start()).isCloseTo(3.05, within(1e-9));
        assertThat(segs.get(1).end()).isCloseTo(6.15, within(1e-9));
        assertThat(segs.get(0).id()).isEqualTo("viðtal-0123abcd-000000850");
    }

    @Test
    void mergesShortNeighboursOfOneSpeakerOnly() {
        Alignment a = new Alignment("length", List.of(span(0, "a", 1.0, 1.5, 0.9), span(1, "a", 1.8, 3.5, 0.6),
                span(2, "b", 3.8, 4.3, 0.9), span(3, "a", 5.0, 8.0, 0.9)), List.of(), Map.of());
        List<Segment> segs = new Segmenter(SegmentationPolicy.defaults()).segments(rec, a, 0);
        assertThat(segs).hasSize(3);
        assertThat(segs.get(0).text()).isEqualTo("Setning 0. Setning 1.");
        assertThat(segs.get(0).score()).isEqualTo(0.6);
        assertThat(segs.get(0).charStart()).isEqualTo(0);
        assertThat(segs.get(0).charEnd()).isEqualTo(31);
        assertThat(segs.get(1).speaker()).isEqualTo("b");
    }

    @Test
    void idsDoNotDependOnNeighbours() {
        Alignment one = new Alignment("length", List.of(span(0, "a", 5.0, 8.0, 0.9)), List.of(), Map.of());
        Alignment two = new Alignment("length", List.of(span(0, "a", 1.0, 3.0, 0.9), span(1, "a", 5.0, 8.0, 0.9)), List.of(), Map.of());
        Segmenter s = new Segmenter(SegmentationPolicy.defaults());
        assertThat(s.segments(rec, two, 0).get(1).id()).isEqualTo(s.segments(rec, one, 0).get(0).id());
    }

    @Test
    void filterCountsWhatEachRuleRemoved() {
        Segment good = new Segment("g", "r", 0, 0, 2, 0, 2, "a", "Góð setning hér.", "is", "length", 0.9, 0, 16, Map.of(), null, null, List.of(), List.of(), null, null);
        Segment low = new Segment("l", "r", 0, 3, 5, 3, 5, "a", "Léleg setning hér.", "is", "length", 0.1, 0, 16, Map.of(), null, null, List.of(), List.of(), null, null);
        Segment shortOne = new Segment("s", "r", 0, 6, 6.5, 6, 6.5, "a", "Já.", "is", "length", 0.9, 0, 3, Map.of(), null, null, List.of(), List.of(), null, null);
        Segment slow = new Segment("w", "r", 0, 7, 17, 7, 17, "a", "Já.", "is", "length", 0.9, 0, 3, Map.of(), null, null, List.of(), List.of(), null, null);
        SegmentFilter.Result r = SegmentFilter.defaults().apply(List.of(good, low, shortOne, slow));
        assertThat(r.kept()).containsExactly(good);
        assertThat(r.removed().get("score").segments()).isEqualTo(1);
        assertThat(r.removed().get("duration").seconds()).isCloseTo(0.5, within(1e-9));
        assertThat(r.removed().get("chars_per_second").segments()).isEqualTo(1);
    }
}
