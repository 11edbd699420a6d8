package org.samtal.eval;

import org.junit.jupiter.api.Test;
import org.samtal.corpus.ManifestRow;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {
    static ManifestRow row(String text, double speechStart, double speechEnd) {
        return new ManifestRow("r-" + speechStart, "clips/x.flac", speechEnd - speechStart, text, text, "is", "a", "r",
                speechStart - 0.1, speechEnd + 0.1, speechStart, speechEnd, 0, "synthetic", 0.9, "talk.wav", "0", "talk.txt",
                0, 1, Map.of(), null, null, null, null, null, null, null, null, null, null, "dev", "0", null, null);
    }

    @Test
    void matchesSegmentsToTheNearestRunOfTheirSentences() {
        // the script repeats: "Já." is said twice
        TruthFile truth = new TruthFile(16_000, 20, List.of("talk.wav"), List.of(
                new TruthSentence(0, 0, "a", "Já.", 1.0, 1.5, 0),
                new TruthSentence(1, 0, "a", "Nei, alls ekki.", 2.0, 3.0, 0),
                new TruthSentence(2, 1, "b", "Já.", 10.0, 10.5, 0),
                new TruthSentence(3, 1, "b", "Gott.", 11.0, 11.4, 0)));
        List<ManifestRow> rows = List.of(
                row("Já. Nei, alls ekki.", 1.02, 2.95),   // two sentences merged: errors 20 and 50 ms
                row("Já.", 10.2, 10.5),                  // the second "Já.": start off by 200 ms
                row("Eitthvað annað.", 12.0, 13.0));     // matches nothing
        EvalReport r = new Evaluation().evaluate(truth, rows);
        assertThat(r.boundaries()).isEqualTo(4);
        assertThat(r.falseSegments()).isEqualTo(1);
        assertThat(r.coverage()).isCloseTo(0.75, within(1e-9));
        assertThat(r.within50ms()).isCloseTo(0.75, within(1e-9));
        assertThat(r.within100ms()).isCloseTo(0.75, within(1e-9));
        assertThat(r.within250ms()).isCloseTo(1.0, within(1e-9));
        assertThat(r.medianError()).isCloseTo(0.02, within(1e-6));
        assertThat(r.table()).contains("false segments          1");
    }

    @Test
    void aPieceOfALongSentenceIsJudgedAgainstThatSentencesClip() {
        TruthFile truth = new TruthFile(16_000, 60, List.of("talk.wav"), List.of(
                new TruthSentence(0, 0, "a", "Fyrsti hlutinn er hér, og seinni hlutinn kemur svo.", 1.0, 25.0, 0, 0.8, 25.3),
                new TruthSentence(1, 1, "a", "Stutt.", 26.0, 27.0, 0, 25.8, 27.2)));
        List<ManifestRow> rows = List.of(
                row("Fyrsti hlutinn er hér,", 1.02, 12.0),            // the first piece, inside the clip
                row("og seinni hlutinn kemur svo.", 12.5, 24.95),     // the second
                row("Stutt.", 26.0, 27.0));
        EvalReport r = new Evaluation().evaluate(truth, rows);
        assertThat(r.falseSegments()).isZero();
        assertThat(r.placedRight()).isCloseTo(1.0, within(1e-9));
        assertThat(r.precision()).isCloseTo(1.0, within(1e-9));
        // the pieces' outer edges against the sentence's, the inner ones not at all
        assertThat(r.boundaries()).isEqualTo(4);
        assertThat(r.within100ms()).isCloseTo(1.0, within(1e-9));
    }
}
