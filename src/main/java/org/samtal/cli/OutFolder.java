package org.samtal.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the corpus folder named by {@code --out} can be written, asked before any work: a folder that is read-only,
 * or a path that is (or lies under) a file, failed late with a message about the corpus lock.
 */
final class OutFolder {
    private OutFolder() {
    }

    /**
     * Why {@code out} cannot hold a corpus, with the fix, or {@code null} when it can. Nothing is left behind: the
     * folder is not made, and the probe file written into the nearest existing folder is removed.
     */
    static String problem(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return null; // nothing of it exists: the file system's own error says more
        if (!Files.isDirectory(existing)) {
            return "--out " + out + (existing.equals(abs) ? " is a file, not a folder"
                    : " cannot be made: " + existing + " is a file") + "; name a folder (a new one is made)";
        }
        // rights alone do not tell (root writes into read-only folders, a read-only mount refuses everyone): try
        try {
            Files.delete(Files.createTempFile(existing, ".samtal-probe-", ".tmp"));
            return null;
        } catch (IOException e) {
            String cause = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
            return "--out " + out + " cannot be written: " + cause + (existing.equals(abs) ? "" : " in " + existing)
                    + "; name a folder you can write to, or give yourself the right to (chmod u+w " + existing + ")";
        }
    }
}
