package org.samtal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.align.Aligners;
import org.samtal.run.BuildSettings;
import org.samtal.testing.Cli;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The option groups shared by several commands are one picocli mixin each: every command still lists all its
 * options, and the settings that change a corpus are hashed while where this machine keeps things is not.
 */
class SharedOptionsTest {
    @TempDir
    Path dir;

    /** The settings {@code samtal build} makes of these options. */
    static BuildSettings settings(String... args) {
        List<String> all = new ArrayList<>(List.of("in", "--out", "out"));
        all.addAll(List.of(args));
        BuildCommand build = new BuildCommand();
        new CommandLine(build).parseArgs(all.toArray(String[]::new));
        return build.shaping.settings("is");
    }

    @Test
    void everyOptionThatShapesTheCorpusChangesTheHashAndTheMachinesPathsDoNot() throws Exception {
        Path a = Files.createDirectories(dir.resolve("home/samtal/models"));
        Path b = Files.createDirectories(dir.resolve("opt/samtal/models"));
        Files.copy(Path.of("models/catalog.json"), a.resolve("catalog.json"));
        Files.copy(Path.of("models/catalog.json"), b.resolve("catalog.json"));
        String here = settings("--models", a.toString()).configHash();
        assertThat(settings("--models", b.toString()).configHash()).isEqualTo(here);
        // which recordings are built, not what they become
        assertThat(settings("--models", b.toString(), "--duplicates", "report").configHash()).isEqualTo(here);
        // a model named on the command line counts by its name, not where it lies
        assertThat(settings("--models", a.toString(), "--model", dir.resolve("x/vosk-model-small-is").toString()).configHash())
                .isEqualTo(settings("--models", b.toString(), "--model", dir.resolve("y/vosk-model-small-is").toString()).configHash())
                .isNotEqualTo(here);
        Map<String, String> shaping = new java.util.LinkedHashMap<>();
        shaping.put("--aligner", "length");
        shaping.put("--clip-format", "wav");
        shaping.put("--audio-stream", "1");
        shaping.put("--min-pause", "0.3");
        shaping.put("--min-speech", "0.1");
        shaping.put("--min-duration", "2");
        shaping.put("--max-duration", "15");
        shaping.put("--snap", "0.3");
        shaping.put("--min-score", "0.6");
        shaping.put("--encoding", "windows-1252");
        shaping.put("--transcript-format", "srt");
        shaping.put("--case", "lower");
        shaping.put("--punctuation", "strip");
        shaping.put("--detect-languages", "none");
        shaping.put("--personal-data", "flag");
        for (var e : shaping.entrySet()) {
            assertThat(settings("--models", a.toString(), e.getKey(), e.getValue()).configHash()).as(e.getKey()).isNotEqualTo(here);
        }
    }

    @Test
    void buildsDefaultsAreTheSettingsDemoAndBenchBuildWith() {
        Path models = Aligners.defaultModelsFolder(Checkout.root());
        assertThat(settings()).isEqualTo(BuildSettings.defaults("is").withModels(models.toAbsolutePath().toString(), null));
    }

    @Test
    void aValueTheMixinRefusesNamesItsOption() {
        assertThatThrownBy(() -> settings("--case", "upper")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--case must be keep or lower");
        Cli.Run run = Cli.run("inspect", dir.toString(), "--table-columns", "file");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--table-columns");
    }

    @Test
    void buildAndExportTakeFormatsUnderBothSpellings() {
        for (String spelling : List.of("--formats", "--format")) {
            BuildCommand build = new BuildCommand();
            new CommandLine(build).parseArgs("in", "--out", "out", spelling, "kaldi,mfa");
            assertThat(build.formats()).as("build " + spelling).containsExactly("kaldi", "mfa");
            ExportCommand export = new ExportCommand();
            new CommandLine(export).parseArgs("corpus", spelling, "nemo,textgrid");
            assertThat(export.writing.formats(null)).as("export " + spelling).containsExactly("nemo", "textgrid");
        }
        // the formats' names as they are written elsewhere (Kaldi, NeMo) are the same formats
        BuildCommand capitals = new BuildCommand();
        new CommandLine(capitals).parseArgs("in", "--out", "out", "--formats", "Kaldi,NeMo, HF");
        assertThat(capitals.formats()).containsExactly("kaldi", "nemo", "hf");
        // neither named: build writes its default formats, export every format the corpus has (null)
        BuildCommand build = new BuildCommand();
        new CommandLine(build).parseArgs("in", "--out", "out");
        assertThat(build.formats()).isEqualTo(org.samtal.corpus.Exporter.DEFAULT_FORMATS);
        ExportCommand export = new ExportCommand();
        new CommandLine(export).parseArgs("corpus");
        assertThat(export.writing.formats(null)).isNull();
        // a format samtal cannot write is refused by name under either spelling (not as an unknown option)
        for (String command : List.of("build", "export")) {
            for (String spelling : List.of("--formats", "--format")) {
                Cli.Run wrong = command.equals("build")
                        ? Cli.run("build", dir.toString(), "--lang", "is", "--out", dir.resolve("out").toString(), spelling, "nemo,parquet")
                        : Cli.run("export", dir.toString(), spelling, "nemo,parquet");
                assertThat(wrong.exit()).as(command + " " + spelling).isEqualTo(2);
                assertThat(wrong.err()).as(command + " " + spelling).contains("unknown format 'parquet'");
            }
        }
    }

    @Test
    void everyCommandStillListsEachOfItsOptions() {
        Map<String, List<String>> options = Map.of(
                "build", List.of("--lang", "--out", "--transcript", "--table", "--table-columns", "--aligner", "--clip-format",
                        "--audio-stream", "--min-pause", "--min-speech", "--min-duration", "--max-duration", "--snap",
                        "--min-score", "--model", "--models", "--encoding", "--transcript-format", "--case", "--punctuation",
                        "--detect-languages", "--formats", "--format", "--shard-size", "--personal-data", "--duplicates", "--force",
                        "--prune", "--wait", "--quiet"),
                "inspect", List.of("--json", "--table", "--table-columns"),
                "export", List.of("--formats", "--format", "--shard-size", "--wait"),
                "synth", List.of("--lang", "--out", "--from-table", "--text-column", "--tight", "--clips", "--pause", "--seed"),
                "bench", List.of("--hours", "--aligner", "--from-table", "--text-column", "--tight", "--clips", "--lang"));
        for (var e : options.entrySet()) {
            Cli.Run help = Cli.run(e.getKey(), "--help");
            assertThat(help.exit()).isZero();
            for (String option : e.getValue()) {
                // the option itself, not one it begins (--table of --table-columns)
                assertThat(help.out()).as(e.getKey() + " " + option).containsPattern("\\s" + option + "[=\\s]");
            }
        }
    }
}
