package org.samtal.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two builds into one corpus folder: the second says who holds it and stops, or waits with --wait. */
class CorpusLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondBuildIntoTheSameCorpusSaysWhoHoldsItAndStopsOrWaits() throws Exception {
        Path input = dir.resolve("in");
        assertThat(Main.run("synth", "--lang", "is", "--out", input.toString(), "--name", "samtal", "--formats", "wav", "--seed", "3")).isZero();
        Files.delete(input.resolve("samtal.truth.json"));
        Path corpus = dir.resolve("same");
        assertThat(Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString(), "-q").exit()).isZero();
        // the first build in a process of its own, as a second terminal would run it
        Path log = dir.resolve("first.log");
        Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "build", input.toString(), "--lang", "is",
                "--out", corpus.toString(), "--force", "--formats", "nemo,kaldi,lhotse,hf,webdataset,cv")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path lock = corpus.resolve(CorpusLock.FILE);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(lock).contains("\"pid\":" + first.pid())) {
                assertThat(first.isAlive()).as("the first build ended before taking the lock: " + (Files.exists(log) ? Files.readString(log) : "")).isTrue();
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(20);
            }
            Cli.Run second = Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString(), "-q");
            assertThat(second.exit()).as(second.err()).isEqualTo(Main.BUSY);
            assertThat(second.err()).contains(corpus + " is being written by another samtal: build (pid " + first.pid() + " on ")
                    .contains(", since 20").contains("--wait");
            Cli.Run export = Cli.run("export", corpus.toString(), "--format", "nemo");
            assertThat(first.isAlive()).as("the first build must still hold the lock for this check to mean anything").isTrue();
            assertThat(export.exit()).as(export.err()).isEqualTo(Main.BUSY);
            assertThat(export.err()).contains("build (pid " + first.pid());

            Cli.Run waited = Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString(), "--wait");
            assertThat(waited.exit()).as(waited.err()).isZero();
            assertThat(waited.err()).contains("waiting for build (pid " + first.pid());
            assertThat(first.waitFor()).as(Files.readString(log)).isZero();
            assertThat(waited.err()).contains("already built, skipped");
        } finally {
            first.destroyForcibly();
        }
        // the corpus is whole: every format written once, nothing half-exported
        List<String> rows = Files.readAllLines(corpus.resolve("manifest.jsonl"));
        assertThat(rows).isNotEmpty();
        int nemo = 0;
        for (String split : List.of("train", "dev", "test")) {
            Path m = corpus.resolve("nemo/" + split + "_manifest.jsonl");
            if (Files.exists(m)) nemo += Files.readAllLines(m).size();
        }
        assertThat(nemo).isEqualTo(rows.size());
        assertThat(new ObjectMapper().readTree(Files.readString(corpus.resolve(CorpusLock.FILE))).get("command").asText())
                .isEqualTo("build");
    }
}
