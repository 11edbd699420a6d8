package org.samtal.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A submission cannot make samtal read, let alone publish, a file from outside its delivery folder. */
class DeliveryPathsTest {
    private static final String SECRET = "Leyndarmál sjúklings númer níu";

    @TempDir
    Path dir;

    @Test
    void pathsLeadingOutOfTheDeliveryAreProblemsAndAreNeverOpened() throws Exception {
        Path d = dir.resolve("afhending");
        assertThat(Main.run("synth", "--lang", "is", "--out", d.toString(), "--name", "leki", "--formats", "wav", "--seed", "4")).isZero();
        Files.delete(d.resolve("leki.truth.json"));
        Files.copy(d.resolve("leki.wav"), d.resolve("gott.wav"));
        Files.copy(d.resolve("leki.txt"), d.resolve("gott.txt"));
        Files.createDirectories(dir.resolve("secret"));
        Files.writeString(dir.resolve("secret/s.txt"), SECRET + ". " + SECRET + ".\n");
        Files.createSymbolicLink(d.resolve("tengill.txt"), dir.resolve("secret/s.txt"));
        Files.createSymbolicLink(d.resolve("hljod.wav"), d.resolve("leki.wav").toAbsolutePath()); // a link inside is fine
        String terms = """
                "partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                "language": "is", "consent": "Allir viðmælendur samþykktu birtingu.",
                """;
        Files.writeString(d.resolve("submission.json"), "{" + terms + """
                "recordings": [{"file": "leki.wav", "transcript": "../secret/s.txt"},
                  {"file": "gott.wav", "transcript": "/etc/passwd"}, {"file": "../secret/s.txt"},
                  {"file": "hljod.wav", "transcript": "tengill.txt"}]}
                """);
        Cli.Run check = Cli.run("validate-submission", d.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out())
                .contains("[recordings[0].transcript]: \"../secret/s.txt\" leads outside the delivery folder")
                .contains("[recordings[1].transcript]: \"/etc/passwd\" is an absolute path")
                .contains("[recordings[2].file]: \"../secret/s.txt\" leads outside the delivery folder")
                .contains("[recordings[3].transcript]: \"tengill.txt\" is a link to")
                .doesNotContain("[recordings[3].file]").doesNotContain("the submission is complete");

        Cli.Run inspect = Cli.run("inspect", d.toString(), "--json");
        JsonNode report = new ObjectMapper().readTree(inspect.out());
        assertThat(report.get("submission_problems").toString()).contains("leads outside the delivery folder");
        assertThat(report.get("recordings")).hasSize(3).allSatisfy(rec -> {
            assertThat(rec.get("problems").toString()).contains("it is not opened");
            assertThat(rec.get("turns").asInt()).isZero();
        });
        assertThat(report.toString()).doesNotContain("Leyndarm").doesNotContain("root:");

        // the build: the two recordings naming outside files fail with the reason, the others are built
        Files.writeString(d.resolve("submission.json"), "{" + terms + """
                "recordings": [{"file": "leki.wav", "transcript": "../secret/s.txt"}, {"file": "gott.wav"},
                  {"file": "hljod.wav", "transcript": "tengill.txt"}]}
                """);
        Path corpus = dir.resolve("corpus");
        Cli.Run build = Cli.run("build", d.toString(), "--out", corpus.toString(), "-q", "--duplicates", "keep");
        assertThat(build.exit()).as(build.out() + build.err()).isEqualTo(1);
        JsonNode built = new ObjectMapper().readTree(corpus.resolve("open/build-report.json").toFile());
        int ok = 0;
        for (JsonNode rec : built.get("recordings")) {
            String input = rec.get("input").asText();
            if (input.endsWith("gott.wav")) {
                assertThat(rec.get("status").asText()).isEqualTo("ok");
                ok++;
            } else {
                assertThat(rec.get("status").asText()).as(input).isEqualTo("failed");
                assertThat(rec.get("message").asText()).contains("outside the delivery folder").contains("it is not opened");
            }
        }
        assertThat(ok).isEqualTo(1);
        assertThat(Files.readString(corpus.resolve("open/manifest.jsonl"))).isNotEmpty();
        try (var files = Files.walk(corpus)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".md") || name.endsWith(".tsv")
                        || name.equals("text")) {
                    assertThat(Files.readString(p)).as(p.toString()).doesNotContain("Leyndarm");
                }
            }
        }
    }
}
