package org.samtal.align;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.samtal.model.Recording;
import org.samtal.model.TextUnit;
import org.samtal.speech.SpeechMap;
import org.samtal.speech.SpeechRegion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LengthAlignerTest {
    private final LengthAligner aligner = new LengthAligner();

    static Alignment align(Aligner aligner, List<SpeechRegion> regions, List<String> sentences) {
        List<TextUnit> units = new ArrayList<>();
        int off = 0;
        for (String s : sentences) {
            units.add(new TextUnit(units.size(), units.size(), "a", s, off, off + s.length()));
            off += s.length() + 1;
        }
        double end = regions.isEmpty() ? 1 : regions.get(regions.size() - 1).end() + 1;
        Recording rec = new Recording("r-00000000", Path.of("r.wav"), "0".repeat(64), end, 16_000, 1, "is");
        return aligner.align(new AlignmentRequest(rec, null, 0, new SpeechMap(regions, 0.01, new float[0], -90, -20), units));
    }

    /** Sentences of given lengths spoken at 15 letters a second with pauses in between. */
    static List<SpeechRegion> spoken(List<String> sentences, double lead, Random rnd) {
        List<SpeechRegion> regions = new ArrayList<>();
        double t = lead;
        for (String s : sentences) {
            double d = LengthAligner.weight(s) / 15.0 * (0.85 + 0.3 * rnd.nextDouble());
            regions.add(new SpeechRegion(t, t + d));
            t += d + 0.4 + rnd.nextDouble();
        }
        return regions;
    }

    static String sentence(Random rnd) {
        int words = 2 + rnd.nextInt(14);
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) sb.append(w == 0 ? "" : " ").append("orð".repeat(1 + rnd.nextInt(3)));
        return sb.append('.').toString();
    }

    @Property(tries = 60)
    void placesEverySentenceOnItsOwnSpeech(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < n; i++) sentences.add(sentence(rnd));
        List<SpeechRegion> regions = spoken(sentences, 0.5, rnd);
        Alignment a = align(aligner, regions, sentences);
        assertThat(a.unaligned()).isEmpty();
        assertThat(a.spans()).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(a.spans().get(i).start()).isEqualTo(regions.get(i).start());
            assertThat(a.spans().get(i).end()).isEqualTo(regions.get(i).end());
            assertThat(a.spans().get(i).score()).isGreaterThan(0.2);
        }
    }

    @Test
    void skipsSpeechThatIsNotInTheTranscript() {
        Random rnd = new Random(1);
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 12; i++) sentences.add(sentence(rnd));
        List<SpeechRegion> regions = new ArrayList<>(spoken(sentences, 30, rnd));
        // 25 s of music or chatter before the interview, in chunks
        List<SpeechRegion> intro = List.of(new SpeechRegion(0, 8), new SpeechRegion(8.5, 17), new SpeechRegion(17.5, 25));
        regions.addAll(0, intro);
        Alignment a = align(aligner, regions, sentences);
        assertThat(a.spans()).hasSize(12);
        assertThat(a.spans().get(0).start()).isEqualTo(30);
    }

    @Test
    void leavesTextWithNoAudioUnaligned() {
        Random rnd = new Random(2);
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 10; i++) sentences.add(sentence(rnd));
        List<SpeechRegion> regions = new ArrayList<>(spoken(sentences, 0.5, rnd));
        List<String> withExtra = new ArrayList<>(sentences);
        withExtra.add(5, "Þessi langa setning var aldrei lesin upp af neinum og á sér því enga rödd í upptökunni.");
        Alignment a = align(aligner, regions, withExtra);
        // the sentence without audio is left out, or lands in a span whose score gives it away; never confidently
        boolean leftOut = a.unaligned().stream().anyMatch(u -> u.index() == 5);
        boolean flagged = a.spans().stream().filter(sp -> sp.units().stream().anyMatch(u -> u.index() == 5))
                .allMatch(sp -> sp.score() < SegmentFilter.defaults().minScore());
        assertThat(leftOut || flagged).as(a.toString()).isTrue();
        // every other sentence is still placed on its own speech
        long placed = a.spans().stream().filter(sp -> sp.units().size() == 1 && sp.score() >= 0.2).count();
        assertThat(placed).isGreaterThanOrEqualTo(9);
    }

    @Test
    void mergesSentencesWhenTheAudioHasNoPauseBetweenThem() {
        List<String> sentences = List.of("Já.", "Nei, alls ekki, það er rangt hjá þér.", "Jæja þá, förum heim saman núna.");
        double d = (LengthAligner.weight(sentences.get(0)) + LengthAligner.weight(sentences.get(1))) / 15.0;
        List<SpeechRegion> regions = List.of(new SpeechRegion(1, 1 + d),
                new SpeechRegion(2 + d, 2 + d + LengthAligner.weight(sentences.get(2)) / 15.0));
        Alignment a = align(aligner, regions, sentences);
        assertThat(a.spans()).hasSize(2);
        assertThat(a.spans().get(0).units()).hasSize(2);
    }

    @Test
    void noSpeechMeansNothingAligned() {
        Alignment a = align(aligner, List.of(), List.of("Halló."));
        assertThat(a.spans()).isEmpty();
        assertThat(a.unaligned()).hasSize(1);
    }
}
