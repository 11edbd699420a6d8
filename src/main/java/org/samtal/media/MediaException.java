package org.samtal.media;

import java.nio.file.Path;

/**
 * A media file samtal cannot use, with what to do about it. The message always names the file.
 */
public class MediaException extends RuntimeException {
    private final transient Path file;
    private final String fix;

    public MediaException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    public MediaException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + (fix == null ? "" : " (" + fix + ")"), cause);
        this.file = file;
        this.fix = fix;
    }

    public Path file() {
        return file;
    }

    public String fix() {
        return fix;
    }
}
