package org.samtal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An --out that cannot be written failed after intake with "samtal: locking .../.samtal/lock: ..." and exit 1; it
 * is a usage error (exit 2) before any work, naming the folder, the cause and the fix.
 */
class UnwritableOutTest {
    @TempDir
    Path dir;

    private Path delivery() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("talk.wav"), "x");
        Files.writeString(in.resolve("talk.txt"), "Halló.");
        return in;
    }

    @Test
    void anOutThatIsAFileOrUnderOneIsAUsageError() throws Exception {
        Path in = delivery();
        Path file = Files.writeString(dir.resolve("afile"), "x");

        Cli.Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + file + " is a file, not a folder; name a folder").doesNotContain("locking");

        Cli.Run under = Cli.run("build", in.toString(), "--lang", "is", "--out", file.resolve("corpus").toString());
        assertThat(under.exit()).isEqualTo(2);
        assertThat(under.err()).contains("--out " + file.resolve("corpus") + " cannot be made: " + file + " is a file");
    }

    @Test
    void aReadOnlyOutIsAUsageErrorNamingTheCauseAndTheFix() throws Exception {
        Path in = delivery();
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root writes into read-only folders; an immutable one refuses root too
        boolean immutable = Files.isWritable(ro) && new ProcessBuilder("chattr", "+i", ro.toString()).start().waitFor() == 0;
        try {
            Cli.Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", ro.resolve("corpus").toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("--out " + ro.resolve("corpus") + " cannot be written: "
                            + (immutable ? "Operation not permitted" : "permission denied") + " in " + ro)
                    .contains("name a folder you can write to, or give yourself the right to (chmod u+w " + ro + ")")
                    .doesNotContain("locking");
            try (var files = Files.list(ro)) {
                assertThat(files).isEmpty(); // the probe is gone, no corpus folder made
            }
        } finally {
            if (immutable) new ProcessBuilder("chattr", "-i", ro.toString()).start().waitFor();
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aNewFolderInAWritableOneIsNotMadeByTheCheck() {
        assertThat(OutFolder.problem(dir.resolve("new/corpus"))).isNull();
        assertThat(dir.resolve("new")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
