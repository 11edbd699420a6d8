package org.samtal.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress lines: information is a note, not a warning. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void informationIsANoteAndAProblemAWarning() {
        Progress p = new Progress(out, false);
        p.warnings("a.wav", List.of(RecordingOutcome.PLACED_BY + "vosk 12, synthetic 2",
                "espeak-ng voice en-us chosen by evidence (en-us 0.81, en-gb 0.74 mean score of a sample); a region in --lang "
                        + "(en-US, pt-BR) fixes the voice",
                "a copy of b (audio); kept (--duplicates report)",
                "2 transcript sentence(s) found no audio: \u201cJá.\u201d, \u201cNei.\u201d",
                "3 turn(s) read as another language than is (their segments are flagged lang_mismatch)"));
        p.note("--prune: removed x (not among this build's inputs)");
        assertThat(printed().lines()).containsExactly(
                "  note: a.wav: sentences placed by engine: vosk 12, synthetic 2",
                "  note: a.wav: espeak-ng voice en-us chosen by evidence (en-us 0.81, en-gb 0.74 mean score of a sample); a region "
                        + "in --lang (en-US, pt-BR) fixes the voice",
                "  note: a.wav: a copy of b (audio); kept (--duplicates report)",
                "  warning: a.wav: 2 transcript sentence(s) found no audio: \u201cJá.\u201d, \u201cNei.\u201d",
                "  warning: a.wav: 3 turn(s) read as another language than is (their segments are flagged lang_mismatch)",
                "  note: --prune: removed x (not among this build's inputs)");
    }
}
