package org.samtal.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration hash covers what changes the output, and nothing about where this machine keeps things. */
class ConfigHashTest {
    @TempDir
    Path dir;

    @Test
    void theHashIgnoresTheModelsPathAndTheDuplicatesPolicyButNotWhatShapesSegments() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a/models"));
        Path b = Files.createDirectories(dir.resolve("b/checkout/models"));
        String catalog = "{\"models\": [{\"lang\": \"xx\", \"engine\": \"vosk\", \"path\": \"vosk-xx\"}]}";
        Files.writeString(a.resolve("catalog.json"), catalog);
        Files.writeString(b.resolve("catalog.json"), catalog);
        BuildSettings here = BuildSettings.defaults("is").withModels(a.toAbsolutePath().toString(), null);
        BuildSettings moved = BuildSettings.defaults("is").withModels(b.toAbsolutePath().toString(), null);
        assertThat(moved.configHash()).isEqualTo(here.configHash());
        assertThat(here.withDuplicates("report").configHash()).isEqualTo(here.configHash());
        assertThat(here.withAligner("length").configHash()).isNotEqualTo(here.configHash());
        // a model named on the command line counts by its name, not by where it lies
        assertThat(here.withModels(a.toString(), dir.resolve("a/vosk-model-small-is").toString()).configHash())
                .isEqualTo(moved.withModels(b.toString(), dir.resolve("b/vosk-model-small-is").toString()).configHash())
                .isNotEqualTo(here.configHash());
        // installing a model the catalog lists changes what auto picks, so it counts
        Path model = Files.createDirectories(b.resolve("vosk-xx"));
        for (String f : new String[]{"am/final.mdl", "conf/model.conf", "graph/HCLG.fst"}) {
            Files.createDirectories(model.resolve(f).getParent());
            Files.writeString(model.resolve(f), "x");
        }
        assertThat(moved.configHash()).isNotEqualTo(here.configHash());
    }

    @Test
    void movingTheCheckoutDoesNotRebuild() throws Exception {
        Path input = dir.resolve("in");
        assertThat(Main.run("synth", "--lang", "is", "--out", input.toString(), "--name", "flutt", "--formats", "wav", "--seed", "2")).isZero();
        Files.delete(input.resolve("flutt.truth.json"));
        Path here = Files.createDirectories(dir.resolve("home/samtal/models"));
        Path there = Files.createDirectories(dir.resolve("opt/samtal/models"));
        Files.copy(Path.of("models/catalog.json"), here.resolve("catalog.json"));
        Files.copy(Path.of("models/catalog.json"), there.resolve("catalog.json"));
        Path corpus = dir.resolve("corpus");
        Cli.Run first = Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString(), "--aligner", "length",
                "--models", here.toString(), "--formats", "nemo");
        assertThat(first.exit()).as(first.err()).isZero();
        Cli.Run again = Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString(), "--aligner", "length",
                "--models", there.toString(), "--formats", "nemo", "--duplicates", "report");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("already built, skipped");
    }
}
