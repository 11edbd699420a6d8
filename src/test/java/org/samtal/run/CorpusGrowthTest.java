package org.samtal.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus grows delivery by delivery (#14 item 6): a build adds and updates, never deletes what earlier builds put
 * there; copies are looked for across the whole corpus; removing recordings is an explicit {@code --prune}.
 */
class CorpusGrowthTest {
    @TempDir
    Path dir;

    private Path delivery(String name, String script) {
        Path in = dir.resolve(name);
        assertThat(Cli.run("synth", "--lang", "is", "--script", script, "--out", in.toString(), "--name", name,
                "--formats", "wav").exit()).isZero();
        try {
            Files.delete(in.resolve(name + ".truth.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return in;
    }

    private Cli.Run build(Path in, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("build", in.toString(), "--lang", "is", "--out", out.toString(),
                "--aligner", "length", "--formats", "nemo,kaldi"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Set<String> recordings(Path manifest) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(manifest)) {
            if (!line.isBlank()) ids.add(Json.mapper().readTree(line).get("recording_id").asText());
        }
        return ids;
    }

    /** Every NeMo manifest of the corpus, whatever split each recording went to. */
    private static String nemo(Path out) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(out.resolve("nemo"))) {
            for (Path p : s.sorted().toList()) sb.append(Files.readString(p));
        }
        return sb.toString();
    }

    @Test
    void aSecondDeliveryAddsToTheCorpusCopiesAreFoundAcrossItAndPruneRemovesOnlyWhenAsked() throws Exception {
        Path a = delivery("vidtal", "interview-is");
        Path b = delivery("vedur", "weather-is");
        Path out = dir.resolve("corpus");

        Cli.Run first = build(a, out);
        assertThat(first.exit()).as(first.err()).isZero();
        Set<String> fromA = recordings(out.resolve("manifest.jsonl"));
        assertThat(fromA).hasSize(1);
        String recA = fromA.iterator().next();
        long clipsOfA;
        try (var s = Files.list(out.resolve("clips").resolve(recA))) {
            clipsOfA = s.count();
        }
        assertThat(clipsOfA).isPositive();

        // delivery B into the same corpus: A's clips and rows stay, in the manifest and in every format
        Cli.Run second = build(b, out);
        assertThat(second.exit()).as(second.err()).isZero();
        Set<String> both = recordings(out.resolve("manifest.jsonl"));
        assertThat(both).hasSize(2).contains(recA);
        try (var s = Files.list(out.resolve("clips").resolve(recA))) {
            assertThat(s.count()).isEqualTo(clipsOfA);
        }
        assertThat(nemo(out)).contains("clips/" + recA + "/");
        JsonNode report = Json.mapper().readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("totals").get("segments").asInt())
                .isEqualTo(Files.readAllLines(out.resolve("manifest.jsonl")).size());
        // export after the second delivery keeps the first one's rows too
        Cli.Run export = Cli.run("export", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(recordings(out.resolve("manifest.jsonl"))).isEqualTo(both);

        // a copy of A delivered later, under another name, is found among the corpus's recordings, not only the run's
        Path c = Files.createDirectories(dir.resolve("again"));
        Files.copy(a.resolve("vidtal.wav"), c.resolve("endurtekid.wav"));
        Files.copy(a.resolve("vidtal.txt"), c.resolve("endurtekid.txt"));
        Cli.Run copy = build(c, out);
        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(copy.err()).contains("a copy of " + recA);
        assertThat(recordings(out.resolve("manifest.jsonl"))).isEqualTo(both);

        // --prune keeps only this build's inputs, and says what it removed
        Cli.Run pruned = build(b, out, "--prune");
        assertThat(pruned.exit()).as(pruned.err()).isZero();
        assertThat(pruned.err()).contains("note: --prune: removed " + recA).doesNotContain("warning: --prune");
        Set<String> onlyB = recordings(out.resolve("manifest.jsonl"));
        assertThat(onlyB).hasSize(1).doesNotContain(recA);
        assertThat(out.resolve("clips").resolve(recA)).doesNotExist();
        assertThat(nemo(out)).doesNotContain(recA).contains(onlyB.iterator().next());
        report = Json.mapper().readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("pruned").toString()).contains(recA);
    }
}
