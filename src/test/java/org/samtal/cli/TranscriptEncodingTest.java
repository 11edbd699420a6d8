package org.samtal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.testing.Cli.Run;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An 8-bit transcript through {@code build}: read in its language's code page, or the one {@code --encoding} names. */
class TranscriptEncodingTest {
    @TempDir
    Path dir;

    @Test
    void anIcelandicWindows1252TranscriptBuildsAndEncodingOverridesTheChoice() throws Exception {
        Path in = dir.resolve("in");
        assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", "talk", "--formats", "wav").exit()).isZero();
        String text = Files.readString(in.resolve("talk.txt"));
        assertThat(text).contains("ð");
        Files.write(in.resolve("talk.txt"), text.getBytes(Charset.forName("windows-1252")));

        Path out = dir.resolve("corpus");
        Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("read as Windows-1252");
        String manifest = Files.readString(out.resolve("manifest.jsonl"));
        assertThat(manifest).contains("ð").doesNotContain("đ");

        Path forced = dir.resolve("forced");
        Run wrong = Cli.run("build", in.toString(), "--lang", "is", "--out", forced.toString(), "--encoding", "windows-1250",
                "--min-score", "0");
        assertThat(wrong.err()).contains("read as windows-1250 (--encoding)");
        assertThat(Files.readString(forced.resolve("manifest.jsonl"))).contains("đ").doesNotContain("ð");

        Run bad = Cli.run("build", in.toString(), "--lang", "is", "--out", forced.toString(), "--encoding", "latin-99");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--encoding: unknown code page 'latin-99'");
    }
}
