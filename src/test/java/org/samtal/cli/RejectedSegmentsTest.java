package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.testing.Cli.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the filters left out is written to {@code rejected.jsonl}; a recording of which nothing matches its
 * transcript fails, with the reason, through the command line on espeak-ng speech.
 */
class RejectedSegmentsTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(json.readTree(line));
        return rows;
    }

    private static List<String> ids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("id").asText()).toList();
    }

    @Test
    void everySegmentTheFiltersRemovedIsInRejectedJsonlWithItsRuleAndAResumeKeepsItConsistent() throws Exception {
        Path in = dir.resolve("in");
        for (String name : List.of("one", "two")) {
            assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", name, "--formats", "wav").exit()).isZero();
            String delivered = Files.readString(in.resolve(name + ".txt"))
                    .replace("Hvað getum við gert til að vernda hana?", "Hvað getum við gert, kennitalan er 120174-3399?");
            Files.writeString(in.resolve(name + ".txt"), delivered);
        }
        Path out = dir.resolve("corpus");
        String[] build = {"build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep",
                "--min-score", "0.3", "--max-duration", "4"};
        Run run = Cli.run(build);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("filters removed:").contains(out.resolve("rejected.jsonl").toString());

        List<JsonNode> kept = lines(out.resolve("manifest.jsonl"));
        List<JsonNode> rejected = lines(out.resolve("rejected.jsonl"));
        assertThat(kept).isNotEmpty();
        assertThat(ids(rejected)).isSorted().doesNotHaveDuplicates().doesNotContainAnyElementsOf(ids(kept));
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        int removed = 0;
        for (JsonNode rec : report.get("recordings")) {
            for (JsonNode rule : rec.get("removed")) removed += rule.get("segments").asInt();
        }
        List<JsonNode> personal = rejected.stream().filter(r -> r.get("reason").get("rule").asText().equals("personal_data")).toList();
        assertThat(personal).hasSize(2); // one in each recording
        assertThat(rejected).hasSize(removed + personal.size());
        for (JsonNode r : rejected) {
            for (String field : List.of("id", "recording_id", "start", "end", "speech_start", "speech_end", "score",
                    "metrics", "aligner", "reason")) {
                assertThat(r.has(field)).as(field + " in " + r).isTrue();
            }
            JsonNode reason = r.get("reason");
            switch (reason.get("rule").asText()) {
                case "personal_data" -> {
                    assertThat(r.has("text")).as(r.toString()).isFalse();
                    assertThat(reason.get("kind").asText()).isEqualTo("kennitala");
                    assertThat(reason.has("value")).isFalse();
                }
                case "score" -> {
                    assertThat(reason.get("limit").asDouble()).isEqualTo(0.3);
                    assertThat(reason.get("value").asDouble()).isLessThan(0.3).isEqualTo(r.get("score").asDouble());
                }
                case "duration" -> {
                    double length = r.get("end").asDouble() - r.get("start").asDouble();
                    assertThat(reason.get("value").asDouble()).isCloseTo(length, org.assertj.core.data.Offset.offset(0.002));
                    assertThat(reason.get("limit").asDouble()).isIn(1.0, 4.0);
                    assertThat(length < 1.0 || length > 4.0).as(r.toString()).isTrue();
                    assertThat(r.get("text").asText()).isNotBlank();
                }
                case "chars_per_second" -> assertThat(reason.get("limit").asDouble()).isIn(3.0, 30.0);
                default -> throw new AssertionError("unknown rule in " + r);
            }
        }
        assertThat(rejected).anySatisfy(r -> assertThat(r.get("reason").get("rule").asText()).isEqualTo("duration"));
        assertThat(Files.readString(out.resolve("rejected.jsonl"))).doesNotContain("120174").doesNotContain("3399");

        // a rerun keeps it as it was
        String first = Files.readString(out.resolve("rejected.jsonl"));
        Run again = Cli.run(build);
        assertThat(again.out()).contains("0 recordings built, 2 skipped");
        assertThat(Files.readString(out.resolve("rejected.jsonl"))).isEqualTo(first);

        // one recording's transcript changes: its rows are replaced, the other's kept
        Files.writeString(in.resolve("two.txt"), Files.readString(in.resolve("two.txt"))
                .replace("kennitalan er 120174-3399?", "til að vernda hana?"));
        Run rebuilt = Cli.run(build);
        assertThat(rebuilt.out()).contains("1 recording built, 1 skipped");
        List<JsonNode> after = lines(out.resolve("rejected.jsonl"));
        String two = json.readTree(Files.readAllLines(out.resolve("manifest.jsonl")).stream()
                .filter(l -> l.contains("\"source\":\"two.wav\"")).findFirst().orElseThrow()).get("recording_id").asText();
        assertThat(after.stream().filter(r -> !r.get("recording_id").asText().equals(two)).map(JsonNode::toString))
                .containsExactlyElementsOf(rejected.stream().filter(r -> !r.get("recording_id").asText().equals(two))
                        .map(JsonNode::toString).toList());
        assertThat(after).filteredOn(r -> r.get("reason").get("rule").asText().equals("personal_data"))
                .singleElement().satisfies(r -> assertThat(r.get("recording_id").asText()).isNotEqualTo(two));
        assertThat(ids(after)).isSorted();
    }

    @Test
    void aRecordingWhoseTranscriptDoesNotMatchFailsWithTheReasonAndExitsOne() throws Exception {
        Path in = dir.resolve("in");
        assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", "interview", "--formats", "wav").exit()).isZero();
        assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", "weather", "--script", "weather-is",
                "--formats", "wav").exit()).isZero();
        // the weather report delivered with the interview's transcript
        Files.copy(in.resolve("interview.txt"), in.resolve("weather.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = dir.resolve("corpus");

        Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        String sentences = String.valueOf(new org.samtal.text.TranscriptReader().units(
                new org.samtal.text.TranscriptReader().read(in.resolve("interview.txt")), "is").size());
        // every sentence is accounted for: placed and scored below the threshold, or not placed at all
        assertThat(run.out() + run.err()).contains(in.resolve("weather.wav") + ": transcript does not match the audio: all ")
                .containsPattern("all (" + sentences + " sentences scored below 0\\.5|\\d+ sentences placed scored below "
                        + "0\\.5, and \\d+ could not be placed)");
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("totals").get("failed").asInt()).isEqualTo(1);
        assertThat(report.get("totals").get("ok").asInt()).isEqualTo(1);
        JsonNode weather = null;
        for (JsonNode rec : report.get("recordings")) if (rec.get("input").asText().endsWith("weather.wav")) weather = rec;
        assertThat(weather).isNotNull();
        assertThat(weather.get("status").asText()).isEqualTo("failed");
        assertThat(weather.get("message").asText()).contains("does not match").contains("rejected.jsonl")
                .containsPattern("in [0-9.]+ s of audio with [0-9.]+ s of speech").contains("the file is complete");
        String weatherId = weather.get("recording_id").asText();
        // nothing of it in the corpus; all of it, with scores, in rejected.jsonl
        assertThat(lines(out.resolve("manifest.jsonl"))).isNotEmpty()
                .noneSatisfy(r -> assertThat(r.get("recording_id").asText()).isEqualTo(weatherId));
        List<JsonNode> rejected = lines(out.resolve("rejected.jsonl"));
        assertThat(rejected).filteredOn(r -> r.get("recording_id").asText().equals(weatherId)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("reason").get("rule").asText()).isEqualTo("score"));
        assertThat(Set.copyOf(ids(rejected))).hasSize(rejected.size());

        // a rerun does not count it as built: it fails again
        assertThat(Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep").exit())
                .isEqualTo(1);
    }
}
