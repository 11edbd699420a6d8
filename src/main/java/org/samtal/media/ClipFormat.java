package org.samtal.media;

/** Formats samtal writes corpus clips in. FLAC is lossless and about half the size of WAV. */
public enum ClipFormat {
    FLAC("flac"),
    WAV("wav");

    private final String extension;

    ClipFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
