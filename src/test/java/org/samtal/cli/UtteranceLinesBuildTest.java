package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.testing.Cli.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real read speech (LibriVox clips of pocketsphinx-testdata) built with LibriVox's own transcription as people
 * deliver such text: one utterance a line, lower case, no punctuation. Before, the lines ran together into one unit
 * longer than any segment, and the corpus came out empty.
 */
class UtteranceLinesBuildTest {
    @TempDir
    Path dir;

    @Test
    void aLowerCaseTranscriptOneUtteranceALineGivesASegmentPerLinePlacedOnItsSentence() throws Exception {
        Path transcription = Path.of("/usr/share/pocketsphinx/test/data/librivox/transcription");
        Assumptions.assumeTrue(Files.exists(transcription),
                "needs Debian's pocketsphinx-testdata: sudo apt-get install pocketsphinx-testdata");
        Path gen = dir.resolve("gen");
        assertThat(Cli.run("synth", "--lang", "en", "--from-clips", transcription.toString(), "--out", gen.toString(),
                "--name", "librivox", "--formats", "mp3").exit()).isZero();
        List<String> lines = Files.readAllLines(transcription).stream()
                .map(l -> l.replaceAll("</?s>", "").replaceAll("\\([^)]*\\)\\s*$", "").strip().toLowerCase(Locale.ROOT))
                .filter(l -> !l.isEmpty()).toList();
        Files.writeString(gen.resolve("librivox.txt"), String.join("\n", lines) + "\n");
        Path out = dir.resolve("corpus");

        Run run = Cli.run("build", gen.toString(), "--lang", "en", "--out", out.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("manifest.jsonl"))) rows.add(json.readTree(l));
        assertThat(rows).extracting(r -> r.get("text").asText()).containsExactlyElementsOf(lines);
        JsonNode truth = json.readTree(gen.resolve("librivox.truth.json").toFile()).get("sentences");
        for (int i = 0; i < rows.size(); i++) {
            double middle = (rows.get(i).get("speech_start").asDouble() + rows.get(i).get("speech_end").asDouble()) / 2;
            assertThat(middle).as(lines.get(i)).isBetween(truth.get(i).get("start").asDouble(), truth.get(i).get("end").asDouble());
        }
    }
}
