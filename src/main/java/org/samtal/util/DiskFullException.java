package org.samtal.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The disk filled up while a file was written. Its message names the file, says that the work finished before it
 * is kept, and what to do: free space and run the same command again.
 */
public final class DiskFullException extends IOException {
    private static final String ADVICE = ". Recordings finished before it are kept (a rerun skips them); free space on "
            + "that disk and run the same command again";

    /**
     * @param file  the file that could not be written
     * @param cause the file system's error
     */
    public DiskFullException(Path file, IOException cause) {
        super("no space left on the disk to write " + file + ADVICE, cause);
    }

    private DiskFullException(String what, Throwable cause) {
        super("no space left on the disk (" + what + ")" + ADVICE, cause);
    }

    /** Whether an error is the file system saying it is full. */
    public static boolean isDiskFull(Throwable e) {
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (m == null && e instanceof FileSystemException) m = e.getMessage();
        return e instanceof IOException && m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"));
    }

    /**
     * The disk-full error among an error and its causes, or {@code null}. A bare file-system error is named after
     * the file it reports, or else described by the outermost message (which says what was being written).
     */
    public static DiskFullException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DiskFullException full) return full;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!isDiskFull(t)) continue;
            if (t instanceof FileSystemException f && f.getFile() != null) return new DiskFullException(Path.of(f.getFile()), f);
            return new DiskFullException(e.getMessage(), e);
        }
        return null;
    }
}
