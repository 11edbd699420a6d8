package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real human read speech: the LibriVox clips of Debian's pocketsphinx-testdata (Jane Austen, read in English),
 * joined with pauses into one recording and aligned with the synthetic aligner's English voice.
 */
class RealSpeechTest {
    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox/transcription");

    @TempDir
    Path dir;

    @Test
    void alignsRealReadSpeech() throws Exception {
        assertThat(LIBRIVOX).as("install Debian's pocketsphinx-testdata (sudo apt-get install pocketsphinx-testdata)").exists();
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "en", "--from-clips", LIBRIVOX.toString(), "--out", gen.toString(),
                "--name", "librivox", "--formats", "mp3")).isZero();
        Path out = dir.resolve("corpus");
        assertThat(Main.run("build", gen.toString(), "--lang", "en", "--out", out.toString(), "-q")).isZero();
        Cli.Run eval = Cli.run("eval", "--truth", gen.resolve("librivox.truth.json").toString(), out.toString(), "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(eval.out());
        // measured (mp3): 4 of 5 sentences accepted (the fifth, placed 158 ms late, scored low), median error 34 ms,
        // 6 of 8 boundaries within 100 ms, all within 250 ms
        assertThat(r.get("segments").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(r.get("false_segments").asInt()).isZero();
        assertThat(r.get("median_error").asDouble()).isLessThan(0.06);
        assertThat(r.get("within_250ms").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).contains("\"lang\":\"en\"");
    }
}
