package org.samtal.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader (or a rerun after a crash) sees either the old content or the complete new one,
 * never a half-written file: write a temp file in the same folder, then rename it over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Something that produces a file at the given (temporary) path. */
    @FunctionalInterface
    public interface Producer {
        void produce(Path tmp) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        produce(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lets {@code producer} create a temp file beside {@code target}, then renames it into place. */
    public static void produce(Path target, Producer producer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // the temp name keeps the real extension last so tools that sniff by extension still work
        Path tmp = dir.resolve(".tmp-" + Long.toHexString(System.nanoTime()) + "-" + target.getFileName());
        try {
            producer.produce(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
