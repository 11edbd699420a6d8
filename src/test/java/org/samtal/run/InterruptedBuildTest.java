package org.samtal.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a killed build leaves behind is cleaned by the next run. */
class InterruptedBuildTest {
    @TempDir
    Path dir;

    @Test
    void theNextRunRemovesDecodedAudioAndTempFilesAKilledBuildLeft() throws Exception {
        Path input = dir.resolve("in");
        assertThat(Main.run("synth", "--lang", "is", "--out", input.toString(), "--name", "hlé", "--formats", "wav", "--seed", "5")).isZero();
        Files.delete(input.resolve("hlé.truth.json"));
        Path corpus = dir.resolve("out");
        assertThat(Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString(), "-q").exit()).isZero();
        // as a kill -9 in the middle of decoding and of writing a clip leaves them
        Path work = corpus.resolve(".samtal/work");
        Files.createDirectories(work);
        Path decoded = work.resolve("langt.mp3.ch0-8349234.s16");
        Files.write(decoded, new byte[3_000_000]);
        Path clipDir;
        try (var dirs = Files.list(corpus.resolve("clips"))) {
            clipDir = dirs.findFirst().orElseThrow();
        }
        Path halfClip = clipDir.resolve(".tmp-17a9f-seg.flac");
        Files.write(halfClip, new byte[1000]);

        Cli.Run rerun = Cli.run("build", input.toString(), "--lang", "is", "--out", corpus.toString());
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(decoded).doesNotExist();
        assertThat(halfClip).doesNotExist();
        assertThat(rerun.err()).contains("note: removed 3.0 MB of temporary files an interrupted build left");
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }
}
