package org.samtal.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.corpus.DuplicateIndex;
import org.samtal.corpus.Fingerprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicate detection after recordings were built at once (#17 item 1): the first copy in the intake's order wins,
 * whatever order the workers finished in, and only recordings the corpus keeps count as originals.
 */
class ArrivalsTest {
    @TempDir
    Path corpus;

    private DuplicateIndex index() {
        return new DuplicateIndex(corpus);
    }

    private DuplicateIndex.Entry entry(String id, String audio, String words) {
        DuplicateIndex.Entry e = new DuplicateIndex.Entry(id, id + ".wav", audio, words, Fingerprint.of(new float[0]));
        index().put(e);
        return e;
    }

    private static RecordingOutcome outcome(String id, String status, String aligner, List<String> warnings) {
        return new RecordingOutcome("in/" + id + ".wav", "in/" + id + ".txt", status, status, id, aligner, 60, 50, 3, 40, 0,
                Map.of(), warnings, List.of(), Map.of("decode", 0.5, "speech_detection", 0.2, "alignment", 3.0), List.of(), 4);
    }

    private static Arrivals.Arrival arrival(int order, RecordingOutcome o, DuplicateIndex.Entry e) {
        return new Arrivals.Arrival(order, false, List.of(o), e);
    }

    private static Map<String, String> statuses(Arrivals.Resolved r) {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        for (RecordingOutcome o : r.outcomes()) s.put(o.recordingId(), o.status() + " " + o.message());
        return s;
    }

    @Test
    void theFirstCopyInTheIntakesOrderWinsWhateverOrderTheyArriveIn() {
        List<Arrivals.Arrival> arrivals = List.of(
                arrival(0, outcome("a", "ok", "synthetic", List.of()), entry("a", "x", "w1")),
                arrival(1, outcome("b", "ok", "synthetic", List.of()), entry("b", "x", "w2")),
                // failed after its fingerprint (no speech): a copy is a copy first, as one by one
                arrival(2, outcome("c", "failed", null, List.of()), entry("c", "y", "w1")),
                arrival(3, outcome("d", "ok", "synthetic", List.of()), entry("d", "z", "w3")));
        Arrivals.Resolved first = Arrivals.resolve(arrivals, Set.of(), false, "skip", index());
        assertThat(statuses(first)).containsExactly(
                Map.entry("a", "ok ok"),
                Map.entry("b", "duplicate in/b.wav: a copy of a (the same decoded audio); left out"),
                Map.entry("c", "duplicate in/c.wav: a copy of a (the same transcript); left out"),
                Map.entry("d", "ok ok"));
        assertThat(first.kept()).containsExactly("a", "d");
        assertThat(first.inputs()).containsExactly("a", "b", "c", "d");
        // a copy keeps only what it cost before it was found out
        assertThat(first.outcomes().get(1).stages()).containsOnlyKeys("decode", "speech_detection");
        for (int seed = 0; seed < 10; seed++) {
            List<Arrivals.Arrival> shuffled = new ArrayList<>(arrivals);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(Arrivals.resolve(shuffled, Set.of(), false, "skip", index())).isEqualTo(first);
        }
    }

    @Test
    void aRecordingThatFailedIsNobodysOriginal() {
        List<Arrivals.Arrival> arrivals = List.of(
                arrival(1, outcome("b", "ok", "synthetic", List.of()), entry("b", "x", "w2")),
                arrival(0, outcome("a", "failed", "synthetic", List.of()), entry("a", "x", "w1")));
        Arrivals.Resolved r = Arrivals.resolve(arrivals, Set.of(), false, "skip", index());
        assertThat(statuses(r)).containsExactly(Map.entry("a", "failed failed"), Map.entry("b", "ok ok"));
        assertThat(r.kept()).containsExactly("b");
    }

    @Test
    void copiesOfTheCorpusesEarlierRecordingsAndReportedCopies() {
        entry("old", "x", "w0");
        Set<String> earlier = new LinkedHashSet<>(List.of("old"));
        List<Arrivals.Arrival> arrivals = List.of(
                arrival(0, outcome("a", "ok", "synthetic", List.of("3 transcript sentence(s) found no audio",
                        RecordingOutcome.PLACED_BY + "vosk 12, synthetic 2")), entry("a", "x", "w1")));
        assertThat(statuses(Arrivals.resolve(arrivals, earlier, false, "skip", index())))
                .containsExactly(Map.entry("a", "duplicate in/a.wav: a copy of old (the same decoded audio); left out"));
        // with --prune the earlier recording is not kept, so nothing copies it
        assertThat(Arrivals.resolve(arrivals, earlier, true, "skip", index()).kept()).containsExactly("a");
        Arrivals.Resolved reported = Arrivals.resolve(arrivals, earlier, false, "report", index());
        assertThat(reported.outcomes().get(0).status()).isEqualTo("ok");
        // the copy kept is information: a note, before the alignment's, as one by one; the problems stay warnings
        assertThat(reported.outcomes().get(0).notes()).containsExactly(
                "a copy of old (the same decoded audio); kept (--duplicates report)", "sentences placed by engine: vosk 12, synthetic 2");
        assertThat(reported.outcomes().get(0).warnings()).containsExactly("3 transcript sentence(s) found no audio");
        RecordingOutcome kept = Arrivals.resolve(arrivals, earlier, false, "keep", index()).outcomes().get(0);
        assertThat(kept.warnings()).containsExactly("3 transcript sentence(s) found no audio");
        assertThat(kept.notes()).containsExactly("sentences placed by engine: vosk 12, synthetic 2");
    }
}
