package org.samtal.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress lines: a worker's figures are its recording's own, and information is a note, not a warning. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A recording of 20 minutes, built in 2 minutes. */
    private static RecordingOutcome built(String name) {
        return new RecordingOutcome("/in/" + name, null, RecordingOutcome.OK, "ok", name, "vosk", 1200, 1000, 30, 900, 0,
                Map.of(), List.of(), List.of(), Map.of(), List.of(), 120);
    }

    /** An outcome whose lines, problems and information mixed, are made as the pipeline makes them. */
    private static RecordingOutcome lines(List<String> lines) {
        return new RecordingOutcome("/in/a.wav", null, RecordingOutcome.OK, "ok", "a", "vosk", 60, 50, 3, 40, 0,
                Map.of(), lines, List.of(), Map.of(), List.of(), 4);
    }

    @Test
    void twoWorkersOfOneProcessClaimNoRunningTotalOnlyTheirRecordingsOwnRate() {
        // --workers 2: each worker's Progress sees every other recording; its "so far" was half the audio built
        Progress first = Progress.ofWorker(out, false, 4);
        Progress second = Progress.ofWorker(out, false, 4);
        first.finished(1, built("a.wav"));
        second.finished(2, built("b.wav"));
        first.finished(3, built("c.wav"));
        second.finished(4, built("d.wav"));
        assertThat(printed()).doesNotContain("so far").doesNotContain("overall")
                .contains("[recording 1 of 4] a.wav: 30 segments, 15.0 of 20.0 min kept (vosk aligner), 10x real time")
                .contains("[recording 4 of 4] d.wav: 30 segments, 15.0 of 20.0 min kept (vosk aligner), 10x real time");
    }

    @Test
    void oneByOneTheRunningTotalIsTheBuilds() {
        Progress inline = new Progress(out, false);
        inline.finished(1, built("a.wav"));
        inline.finished(2, built("b.wav"));
        assertThat(printed()).contains("0.33 h audio so far").contains("0.67 h audio so far");
    }

    @Test
    void informationIsANoteAndAProblemAWarning() {
        Progress p = new Progress(out, false);
        p.remarks("a.wav", lines(List.of(RecordingOutcome.PLACED_BY + "vosk 12, synthetic 2",
                "espeak-ng voice en-us chosen by evidence (en-us 0.81, en-gb 0.74 mean score of a sample); a region in --lang "
                        + "(en-US, pt-BR) fixes the voice",
                "a copy of b (audio); kept (--duplicates report)",
                "one speaker per channel (anna on channel 0, 60 dB over the other, jon on channel 1, 58 dB over the other): "
                        + "each speaker's turns aligned on their own channel and cut from it",
                "2 transcript sentence(s) found no audio: \u201cJá.\u201d, \u201cNei.\u201d",
                "3 turn(s) read as another language than is (their segments are flagged lang_mismatch)")));
        p.note("--prune: removed x (not among this build's inputs)");
        // the outcome sorted the lines: its notes are said first, then its warnings
        assertThat(printed().lines()).containsExactly(
                "  note: a.wav: sentences placed by engine: vosk 12, synthetic 2",
                "  note: a.wav: espeak-ng voice en-us chosen by evidence (en-us 0.81, en-gb 0.74 mean score of a sample); a region "
                        + "in --lang (en-US, pt-BR) fixes the voice",
                "  note: a.wav: a copy of b (audio); kept (--duplicates report)",
                "  note: a.wav: one speaker per channel (anna on channel 0, 60 dB over the other, jon on channel 1, 58 dB "
                        + "over the other): each speaker's turns aligned on their own channel and cut from it",
                "  warning: a.wav: 2 transcript sentence(s) found no audio: \u201cJá.\u201d, \u201cNei.\u201d",
                "  warning: a.wav: 3 turn(s) read as another language than is (their segments are flagged lang_mismatch)",
                "  note: --prune: removed x (not among this build's inputs)");
    }
}
