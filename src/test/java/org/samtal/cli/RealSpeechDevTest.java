package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samtal.testing.Cli;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Icelandic read speech by 8 speakers (40 clips of the Samrómur corpus, CC BY 4.0, in
 * {@code src/test/resources/realspeech}) joined into one recording, both ways partners' recordings come: whole clips
 * with their own silences and clicks and 0.5-1 s pauses, and clips cut to their speech with 0.25-0.6 s pauses as in
 * conversation; with the punctuated transcript and with the lower-case one-utterance-a-line one. Default settings.
 * A sentence is placed right when its speech edges fall inside its own clip (100 ms tolerance).
 */
class RealSpeechDevTest {
    static final Path TABLE = Path.of("src/test/resources/realspeech/is-samromur-dev/metadata.tsv");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} clips, {1} transcript: at least {2} placed right and accepted")
    @CsvSource({"whole, sentence, 0.9", "tight, sentence_norm, 0.8"})
    void placesAndAcceptsRealSpeech(String join, String column, double minPlacedRight) throws Exception {
        Path gen = dir.resolve("gen");
        Cli.Run synth = join.equals("tight")
                ? Cli.run("synth", "--lang", "is", "--from-table", TABLE.toString(), "--text-column", column, "--tight",
                "--transcripts", "lines", "--formats", "flac", "--out", gen.toString(), "--name", "dev")
                : Cli.run("synth", "--lang", "is", "--from-table", TABLE.toString(), "--text-column", column,
                "--transcripts", "lines", "--formats", "flac", "--out", gen.toString(), "--name", "dev");
        assertThat(synth.exit()).as(synth.err()).isZero();
        Path out = dir.resolve("corpus");
        Cli.Run build = Cli.run("build", gen.toString(), "--lang", "is", "--out", out.toString(), "-q");
        assertThat(build.exit()).as(build.out() + build.err()).isZero();
        Cli.Run eval = Cli.run("eval", "--truth", gen.resolve("dev.truth.json").toString(), out.toString(), "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(eval.out());
        // measured on these 40 clips: whole 95.0%, tight lower case 82.5% (the placement puts 92.5% right; the score
        // leaves some right ones under 0.5); on all 117 clips of the dev set 93-94% both ways (README, Performance).
        // What is accepted is right: at least 98%
        assertThat(r.get("placed_right").asDouble()).as(eval.out()).isGreaterThanOrEqualTo(minPlacedRight);
        assertThat(r.get("precision").asDouble()).as(eval.out()).isGreaterThanOrEqualTo(0.98);
    }
}
