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

    @Test
    void aFullDiskNamesTheFileSaysWhatIsKeptAndWhatToDo() throws Exception {
        Path clip = dir.resolve("clips/rec/seg.flac");
        // as the JDK reports it from a write, and as a stream reports it (no file named)
        for (IOException full : List.of(new java.nio.file.FileSystemException(dir.resolve("x").toString(), null, "No space left on device"),
                new IOException("No space left on device"))) {
            assertThatThrownBy(() -> AtomicFiles.write(clip, out -> {
                out.write(1);
                throw full;
            })).isInstanceOf(DiskFullException.class)
                    .hasMessage("no space left on the disk to write " + clip + ". Recordings finished before it are kept "
                            + "(a rerun skips them); free space on that disk and run the same command again")
                    .hasCause(full);
        }
        try (var files = Files.list(clip.getParent())) {
            assertThat(files).isEmpty(); // no temp file left
        }
        // wherever it surfaces, wrapped by a stage, the message is found and tells the same
        RuntimeException wrapped = new IllegalStateException("stage", new java.io.UncheckedIOException("writing clip x",
                new DiskFullException(clip, new IOException("No space left on device"))));
        assertThat(DiskFullException.in(wrapped)).hasMessageContaining(clip.toString());
        assertThat(DiskFullException.in(new java.io.UncheckedIOException("decoding talk.mp3: No space left on device",
                new IOException("No space left on device")))).hasMessageContaining("decoding talk.mp3")
                .hasMessageContaining("free space on that disk and run the same command again");
        assertThat(DiskFullException.in(new IOException("Permission denied"))).isNull();
    }
}
