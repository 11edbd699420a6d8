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
 * joined with pauses into one recording and aligned with the synthetic aligner's English voice. The truth is an
 * independent forced aligner's (pocketsphinx, {@code corpora/reference/librivox-pocketsphinx.json}): where each
 * clip's first word starts and last word ends.
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
                "--name", "librivox", "--formats", "mp3", "--edges", "corpora/reference/librivox-pocketsphinx.json")).isZero();
        Path out = dir.resolve("corpus");
        assertThat(Main.run("build", gen.toString(), "--lang", "en", "--out", out.toString(), "-q")).isZero();
        Cli.Run eval = Cli.run("eval", "--truth", gen.resolve("librivox.truth.json").toString(), out.toString(), "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(eval.out());
        // the target: at least 90% of accepted boundaries within 100 ms of the truth
        assertThat(r.get("segments").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(r.get("false_segments").asInt()).isZero();
        assertThat(r.get("median_error").asDouble()).isLessThan(0.04);
        assertThat(r.get("within_100ms").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.get("within_250ms").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).contains("\"lang\":\"en\"");
    }

    @Test
    void realSpeechWithAnotherTextIsNotAccepted() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "en", "--from-clips", LIBRIVOX.toString(), "--out", gen.toString(),
                "--name", "librivox", "--formats", "mp3")).isZero();
        // five sentences from the same novel's first chapter, none of them the clips'
        Files.writeString(gen.resolve("librivox.txt"), String.join("\n",
                "reader: The family of Dashwood had long been settled in Sussex, and their estate was large.",
                "reader: Their residence was at Norland Park, in the centre of their property.",
                "reader: The late owner of this estate was a single man, who lived to a very advanced age.",
                "reader: For many years of his life he had a constant companion and housekeeper in his sister.",
                "reader: But her death, which happened ten years before his own, produced a great alteration in his home.",
                ""));
        Path out = dir.resolve("corpus");
        Cli.Run build = Cli.run("build", gen.toString(), "--lang", "en", "--out", out.toString(), "-q");
        // nothing of it matches: the recording fails, saying why
        assertThat(build.exit()).as(build.err()).isEqualTo(1);
        assertThat(build.out() + build.err()).contains("transcript does not match the audio: all 5 sentences scored below 0.5");
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEmpty();
        JsonNode report = new ObjectMapper().readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("recordings").get(0).get("removed").get("score").get("segments").asInt()).isEqualTo(5);
        // measured: every sentence scores 0.13 to 0.25 (a recording of five sentences leaves few other places to compare
        // with, so the margins stay above those of a long recording with another text); each is in rejected.jsonl
        // with its score
        assertThat(Files.readAllLines(out.resolve("rejected.jsonl"))).hasSize(5).allSatisfy(line -> {
            JsonNode r = new ObjectMapper().readTree(line);
            assertThat(r.get("score").asDouble()).isLessThan(0.3);
            assertThat(r.get("reason").get("rule").asText()).isEqualTo("score");
        });
    }
}
