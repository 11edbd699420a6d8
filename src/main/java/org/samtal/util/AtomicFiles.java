package org.samtal.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes files so that a reader (or a rerun after a crash) sees either the old content or the complete new one,
 * never a half-written file: write a temp file in the same folder, then rename it over the target.
 *
 * <p>It also holds the one rule of confidential output: a folder made owner-only by {@link #createOwnerOnly} (a
 * private corpus's root, before anything is written into it) is marked so ({@value #MARK}), and everything written
 * under it through this class is its owner's only from the first byte: folders {@code rwx------}, files (temp files
 * included) {@code rw-------}. Whatever command writes there ({@code build}, {@code export}, {@code review}) cannot
 * loosen it. The mark, not a folder's mode, decides: an open corpus built inside a private temp or home folder stays
 * readable by others.
 */
public final class AtomicFiles {
    /** The file, relative to an owner-only root, that marks it so. */
    public static final String MARK = ".samtal/owner-only";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

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

    /**
     * Lets {@code producer} create a temp file beside {@code target}, then renames it into place. In an owner-only
     * folder the temp file exists, {@code rw-------}, before the producer writes its first byte (producers open it
     * for writing, which keeps its mode).
     */
    public static void produce(Path target, Producer producer) throws IOException {
        produce(target, producer, true);
    }

    /**
     * The same, flushed to disk before the rename only when {@code sync}: many small files written together (a
     * recording's clips) are flushed at once by {@link #sync} before the file that says they are complete.
     */
    public static void produce(Path target, Producer producer, boolean sync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        // the temp name keeps the real extension last so tools that sniff by extension still work
        Path tmp = dir.resolve(".tmp-" + Long.toHexString(System.nanoTime()) + "-" + target.getFileName());
        try {
            if (ownerOnly(dir)) Files.createFile(tmp, fileAttributes(dir));
            producer.produce(tmp);
            // on disk before the rename: after a power cut the target is the old file or the new, never an empty one
            if (sync) {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (!(e instanceof DiskFullException) && DiskFullException.isDiskFull(e)) throw new DiskFullException(target, e);
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Flushes files written with {@code produce(..., false)} to disk, and their folders' entries: after it, a power
     * cut leaves them as written. One flush of many files costs about one disk round trip on a journaling file
     * system, where a flush per file costs one each.
     */
    public static void sync(java.util.Collection<Path> files) throws IOException {
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            dirs.add(f.toAbsolutePath().getParent());
        }
        for (Path d : dirs) {
            try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // not every system opens a folder for flushing (it is the renames' durability, not the data's)
            }
        }
    }

    /**
     * Whether what is written into {@code dir} is its owner's only: it lies in a folder {@link #createOwnerOnly} made.
     * {@code false} on file systems without POSIX permissions.
     */
    public static boolean ownerOnly(Path dir) {
        if (!posix(dir)) return false;
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(MARK))) return true;
        }
        return false;
    }

    /** The attributes a new file in {@code dir} is created with: {@code rw-------} in an owner-only folder, else none. */
    public static FileAttribute<?>[] fileAttributes(Path dir) {
        return ownerOnly(dir) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
    }

    /**
     * Creates a folder and its missing parents, like {@link Files#createDirectories}, except that a folder created
     * inside an owner-only folder is owner-only too.
     */
    public static void createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) return;
        Path parent = abs.getParent();
        if (parent != null) createDirectories(parent);
        FileAttribute<?>[] attrs = parent != null && ownerOnly(parent)
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_DIR)} : new FileAttribute<?>[0];
        try {
            Files.createDirectory(abs, attrs);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) throw e;
        }
    }

    /**
     * Makes {@code root} an owner-only folder ({@code rwx------}) before anything is written into it; when it exists
     * with looser rights (an older samtal's output), every file and folder under it is tightened as well.
     *
     * @throws IOException also when the file system has no POSIX permissions: confidential output is not written
     *                     where it cannot be restricted
     */
    public static void createOwnerOnly(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        if (abs.getParent() != null) createDirectories(abs.getParent());
        if (!posix(abs.getParent() == null ? abs : abs.getParent())) {
            throw new IOException(root + " is on a file system without POSIX permissions, so private output cannot be made "
                    + "readable by its owner only; write it to a Linux or macOS file system");
        }
        if (!Files.exists(abs)) {
            try {
                Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made at the same moment by another process: tightened below
            }
        }
        Path mark = abs.resolve(MARK);
        boolean marked = Files.isRegularFile(mark);
        if (marked && PosixFilePermissions.toString(Files.getPosixFilePermissions(abs)).equals("rwx------")) return;
        if (!marked) {
            // the mark first: from here on everything written under the root is owner-only
            Files.createDirectories(mark.getParent(), PosixFilePermissions.asFileAttribute(OWNER_DIR));
            Path tmp = mark.resolveSibling(".tmp-" + Long.toHexString(System.nanoTime()) + "-owner-only");
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            Files.writeString(tmp, "Everything in this folder is confidential: samtal writes it readable by its owner only.\n");
            Files.move(tmp, mark, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        try (var files = Files.walk(abs)) {
            // the root first, so nothing under it is reachable while the rest is tightened
            for (Path p : files.sorted(Comparator.comparingInt(Path::getNameCount)).toList()) {
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? OWNER_DIR : OWNER_FILE);
            }
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
