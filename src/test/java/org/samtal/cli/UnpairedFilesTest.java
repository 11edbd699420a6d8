package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.testing.Cli.Run;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that do not pair: upper-case extensions pair all the same; a transcript without recording is named. */
class UnpairedFilesTest {
    @TempDir
    Path dir;

    @Test
    void upperCaseFilesPairAndATranscriptWithoutRecordingIsListedInTheTerminalAndTheReport() throws Exception {
        Path in = dir.resolve("in");
        assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", "talk", "--formats", "wav").exit()).isZero();
        Files.move(in.resolve("talk.wav"), in.resolve("TALK.WAV"));
        Files.move(in.resolve("talk.txt"), in.resolve("TALK.TXT"));
        Path lost = Files.copy(in.resolve("TALK.TXT"), in.resolve("interview-2.txt"));
        Path out = dir.resolve("corpus");

        Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("1 recording built").contains(lost + ": transcript with no recording of the same name");
        assertThat(Files.readAllLines(out.resolve("manifest.jsonl"))).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("\"source\":\"TALK.WAV\"", "\"transcript\":\"TALK.TXT\""));
        JsonNode report = new ObjectMapper().readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("ignored").toString()).contains(lost.toString()).contains("no recording");
    }
}
