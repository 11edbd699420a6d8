package org.samtal.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One delivered media file as samtal sees it after probing and decoding.
 *
 * @param id         stable id derived from the file name and its content hash, so reruns and added files never shift it
 * @param source     the delivered file
 * @param sha256     hex SHA-256 of the delivered file's bytes (provenance and resume key)
 * @param duration   seconds of decoded audio
 * @param sampleRate rate of the decoded audio samtal works on (Hz)
 * @param channels   channels of the decoded audio samtal works on (1 for a mono mix)
 * @param language   BCP 47 language tag declared for the recording
 */
public record Recording(String id, Path source, String sha256, double duration, int sampleRate, int channels,
                        String language) {
    public Recording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(language, "language");
        if (duration < 0) throw new IllegalArgumentException("negative duration: " + duration);
    }
}
