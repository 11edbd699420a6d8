package org.samtal.text;

import java.nio.file.Path;

/** A transcript samtal cannot use, with what to do about it. The message always names the file. */
public class TranscriptException extends RuntimeException {
    private final transient Path file;

    public TranscriptException(Path file, String problem, String fix) {
        super(file + ": " + problem + (fix == null ? "" : " (" + fix + ")"));
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
