package org.samtal.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTempFile() throws Exception {
        Path f = dir.resolve("manifest.jsonl");
        AtomicFiles.writeString(f, "old\n");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half a li".getBytes());
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(Files.readString(f)).isEqualTo("old\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
        AtomicFiles.writeString(f, "new\n");
        assertThat(Files.readString(f)).isEqualTo("new\n");
    }

    @Test
    void underAnOwnerOnlyRootEveryFolderAndFileIsTheOwnersFromItsFirstByte() throws Exception {
        Path root = dir.resolve("private");
        AtomicFiles.createOwnerOnly(root);
        assertThat(mode(root)).isEqualTo("rwx------");
        Path clip = root.resolve("clips/rec/seg.flac");
        List<String> tmpModes = new ArrayList<>();
        AtomicFiles.produce(clip, tmp -> {
            tmpModes.add(mode(tmp)); // before the producer writes anything
            Files.write(tmp, new byte[]{1, 2, 3});
        });
        assertThat(tmpModes).containsExactly("rw-------");
        assertThat(mode(clip)).isEqualTo("rw-------");
        assertThat(mode(root.resolve("clips"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("clips/rec"))).isEqualTo("rwx------");
        AtomicFiles.createDirectories(root.resolve("hf/train"));
        assertThat(mode(root.resolve("hf"))).isEqualTo("rwx------");
        // outside a marked root the usual rights apply, even in a folder only its owner can enter
        Path open = dir.resolve("open/manifest.jsonl");
        AtomicFiles.writeString(open, "x\n");
        Path plain = Files.createFile(open.resolveSibling("plain"));
        assertThat(mode(open)).isEqualTo(mode(plain)); // whatever the umask gives
        assertThat(Files.exists(open.resolveSibling(".samtal"))).isFalse();
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
