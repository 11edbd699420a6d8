package org.samtal.media;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Media#probe(Path)} learns of a file without decoding it.
 *
 * @param file         the file
 * @param container    FFmpeg's name for the container format
 * @param duration     container duration in seconds, NaN when unknown
 * @param audioStreams the audio streams, in container order
 * @param hasVideo     whether a video stream is present (cover art excluded)
 * @param sizeBytes    file size
 */
public record MediaInfo(Path file, String container, double duration, List<AudioStreamInfo> audioStreams,
                        boolean hasVideo, long sizeBytes) {
    public MediaInfo {
        audioStreams = List.copyOf(audioStreams);
    }
}
