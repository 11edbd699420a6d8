package org.samtal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A build of a path that does not exist says so and writes nothing (it wrote an empty corpus before). */
class MissingInputTest {
    @TempDir
    Path dir;

    @Test
    void aBuildOfNothingThatExistsWritesNoCorpus() {
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("build", dir.resolve("no-such-folder").toString(), "--lang", "is", "--out", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or folder: ").contains("no-such-folder").contains("check the path");
        assertThat(out).doesNotExist();
    }
}
