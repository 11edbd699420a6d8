package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Partner deliveries: submission manifests checked all at once, and open and private tracks kept apart. */
class SubmissionTest {
    @TempDir
    Path dir;

    static String out(String... args) {
        return Cli.run(args).out();
    }

    Path delivery(String name, String manifest) throws Exception {
        Path d = dir.resolve(name);
        assertThat(Main.run("synth", "--lang", "is", "--out", d.toString(), "--name", name, "--formats", "wav",
                "--seed", Integer.toString(name.length()))).isZero();
        Files.writeString(d.resolve(name.endsWith("yaml") ? "submission.yaml" : "submission.json"), manifest);
        return d;
    }

    @Test
    void aGoodSubmissionPassesAndABadOneListsEveryProblemAtOnce() throws Exception {
        Path good = delivery("ruv", """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Allir viðmælendur samþykktu birtingu skriflega.",
                 "recordings": [{"file": "ruv.wav", "speakers": [{"name": "Guðrún", "gender": "f", "age_range": "40-49"}]}]}
                """);
        assertThat(out("validate-submission", good.toString())).contains("the submission is complete");
        // the speakers' metadata reaches the rows
        Path built = dir.resolve("built");
        assertThat(Main.run("build", good.toString(), "--out", built.toString(), "-q")).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String l : Files.readAllLines(built.resolve("open/manifest.jsonl"))) {
            JsonNode r = json.readTree(l);
            // a name is one person within its delivery: partner ruv, submission ruv (the folder's name)
            if (r.get("speaker").asText().equals("ruv-ruv-guðrún")) {
                assertThat(r.get("gender").asText()).isEqualTo("f");
                assertThat(r.get("age_range").asText()).isEqualTo("40-49");
            } else {
                assertThat(r.has("gender")).isFalse();
            }
        }
        Path bad = delivery("bad", """
                {"partner": {"id": "RÚV!", "contact": "nobody"}, "track": "public", "language": "icelandic",
                 "consent": "ok", "recordings": [{"file": "bad.wav", "speakers": [{"name": "A", "gender": "x", "age_range": "old"}]},
                 {"file": "missing.mp4"}, {"file": "bad.wav"}]}
                """);
        String report = out("validate-submission", bad.toString());
        assertThat(report).contains("[partner.id]").contains("[partner.contact]").contains("[track]")
                .contains("[language]").contains("did you mean 'is'").contains("[consent]")
                .contains("[recordings[0].speakers[0].gender]").contains("[recordings[0].speakers[0].age_range]")
                .contains("[recordings[1].file]: \"missing.mp4\" is not in the delivery")
                .contains("[recordings[1].transcript]").contains("[recordings[2].file]: \"bad.wav\" is listed twice");
        assertThat(report.lines().filter(l -> l.startsWith("  ")).count()).isGreaterThanOrEqualTo(10);
        Path open = delivery("openyaml", "partner: {id: ruv, contact: gogn@ruv.is}\ntrack: open\nlanguage: is\n"
                + "consent: Allir samþykktu skriflega.\nrecordings: [{file: openyaml.wav}]\n");
        assertThat(out("validate-submission", open.toString())).contains("[licence]: is required for the open track");
    }

    @Test
    void eachRecordingIsBuiltInTheLanguageItsSubmissionGives() throws Exception {
        Path d = delivery("blandad", """
                {"partner": {"id": "hi", "contact": "gogn@hi.is"}, "track": "private", "language": "is",
                 "consent": "Upplýst samþykki allra þátttakenda.",
                 "recordings": [{"file": "blandad.wav"}, {"file": "reading.mp3", "language": "en"}]}
                """);
        assertThat(Main.run("synth", "--lang", "en", "--from-clips", RealSpeechTest.LIBRIVOX.toString(), "--out", d.toString(),
                "--name", "reading", "--formats", "mp3")).isZero();
        Files.delete(d.resolve("reading.truth.json"));
        Path corpus = dir.resolve("mixed");
        Cli.Run run = Cli.run("build", d.toString(), "--out", corpus.toString(), "-q");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        java.util.Map<String, String> langBySource = new java.util.HashMap<>();
        for (String l : Files.readAllLines(corpus.resolve("private/manifest.jsonl"))) {
            JsonNode r = json.readTree(l);
            langBySource.put(r.get("source").asText(), r.get("lang").asText());
        }
        assertThat(langBySource).containsEntry("blandad.wav", "is").containsEntry("reading.mp3", "en");
    }

    @Test
    void everySegmentTracesBackToItsSource() throws Exception {
        Path corpus = dir.resolve("demo");
        Path samples = Path.of("corpora/samples").toAbsolutePath();
        assertThat(Main.run("build", samples.toString(), "--out", corpus.toString(), "-q")).isZero();
        ObjectMapper json = new ObjectMapper();
        String transcript = Files.readString(samples.resolve("interview.txt"));
        String sha = org.samtal.util.Hashes.sha256(samples.resolve("interview.ogg"));
        JsonNode report = json.readTree(corpus.resolve("open/build-report.json").toFile());
        int interview = 0;
        for (String l : Files.readAllLines(corpus.resolve("open/manifest.jsonl"))) {
            JsonNode r = json.readTree(l);
            // the samples hold two deliveries: the interview, and real read speech in readings/ (its own submission)
            if (r.get("partner").asText().equals("lvl")) {
                assertThat(r.get("submission").asText()).isEqualTo("samromur-demo");
                assertThat(r.get("source").asText()).isEqualTo("readings.ogg");
                continue;
            }
            interview++;
            assertThat(r.get("partner").asText()).isEqualTo("samtal");
            assertThat(r.get("submission").asText()).isEqualTo("sample-1");
            assertThat(r.get("track").asText()).isEqualTo("open");
            assertThat(r.get("source").asText()).isEqualTo("interview.ogg");
            assertThat(r.get("source_sha256").asText()).isEqualTo(sha);
            // the character span points at the delivered words (white space folded)
            String span = transcript.substring(r.get("char_start").asInt(), r.get("char_end").asInt());
            assertThat(span.replaceAll("\\s+", " ")).isEqualTo(r.get("text").asText());
            assertThat(r.get("config_hash").asText()).isEqualTo(report.get("config_hash").asText());
            assertThat(r.get("samtal_version").asText()).isNotBlank();
        }
        assertThat(interview).isPositive();
    }

    @Test
    void inspectDescribesADeliveryAndListsItsProblems() throws Exception {
        String good = out("inspect", Path.of("corpora/samples").toAbsolutePath().toString(), "--json");
        JsonNode r = new ObjectMapper().readTree(good);
        // the interview and the real read speech of readings/ (12 turns each)
        assertThat(r.get("recordings")).hasSize(2);
        assertThat(r.get("submission_problems")).isEmpty();
        assertThat(r.get("speech_hours").asDouble()).isGreaterThan(0.01);
        assertThat(r.get("languages").get("is").asInt()).isGreaterThanOrEqualTo(20); // per turn: one short turn reads as another language
        JsonNode rec = r.get("recordings").get(0);
        assertThat(rec.get("codec").asText()).isEqualTo("opus");
        assertThat(rec.get("problems")).isEmpty();

        Path bad = delivery("vandi", "{}");
        Files.writeString(bad.resolve("vandi.txt"), Files.readString(bad.resolve("vandi.txt"))
                .replace("Kærar þakkir", "Kennitalan er 120174-3399. Kærar þakkir"));
        Files.copy(bad.resolve("vandi.wav"), bad.resolve("orphan.wav"));
        String report = out("inspect", bad.toString());
        assertThat(report).contains("2 recordings").contains("[partner]").contains("orphan.wav: no transcript")
                .contains("personal-data finding").doesNotContain("120174");
        assertThat(Main.run("inspect", bad.toString())).isEqualTo(1);
    }

    @Test
    void openAndPrivateDeliveriesAreBuiltIntoSeparateRootsAndPrivateIsOwnerOnly() throws Exception {
        Path open = delivery("opin", """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Allir viðmælendur samþykktu birtingu.", "recordings": [{"file": "opin.wav"}]}
                """);
        Path closed = delivery("lokud", """
                {"partner": {"id": "spitali", "contact": "gogn@spitali.is"}, "track": "private",
                 "language": "is", "consent": "Til innri þjálfunar eingöngu, samþykkt.", "recordings": [{"file": "lokud.wav"}]}
                """);
        Path corpus = dir.resolve("corpus");
        // no --lang: the submissions give it
        String summary = out("build", open.toString(), closed.toString(), "--out", corpus.toString(), "-q");
        assertThat(summary).contains("track open:").contains("track private:");
        // the build folder holds a corpus per track: export names them
        org.samtal.testing.Cli.Run export = org.samtal.testing.Cli.run("export", corpus.toString(), "--formats", "kaldi");
        assertThat(export.exit()).isEqualTo(2);
        assertThat(export.err()).contains("it holds a corpus per track: export " + corpus.resolve("open") + " and " + corpus.resolve("private"));
        ObjectMapper json = new ObjectMapper();
        for (String track : List.of("open", "private")) {
            Path root = corpus.resolve(track);
            List<JsonNode> rows = new ArrayList<>();
            for (String l : Files.readAllLines(root.resolve("manifest.jsonl"))) rows.add(json.readTree(l));
            assertThat(rows).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("track").asText()).isEqualTo(track);
                assertThat(r.get("source").asText()).isEqualTo(track.equals("open") ? "opin.wav" : "lokud.wav");
                assertThat(r.get("partner").asText()).isEqualTo(track.equals("open") ? "ruv" : "spitali");
            });
            // nothing of the other track anywhere in this root: not in manifests, card, shards or clip names
            String other = track.equals("open") ? "lokud" : "opin";
            try (var files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    assertThat(p.getFileName().toString()).doesNotContain(other);
                    if (p.toString().endsWith(".json") || p.toString().endsWith(".jsonl") || p.toString().endsWith(".md")
                            || p.toString().endsWith(".tsv")) {
                        assertThat(Files.readString(p)).as(p.toString()).doesNotContain(other);
                    }
                }
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(corpus.resolve("private")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(corpus.resolve("private/manifest.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(corpus.resolve("private/card.json"))).contains("\"private\"").contains("spitali");
    }
}
