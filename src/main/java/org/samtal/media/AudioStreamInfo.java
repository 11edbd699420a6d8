package org.samtal.media;

/**
 * One audio stream of a media file.
 *
 * @param ordinal     position among the file's audio streams (what {@code --audio-stream} counts)
 * @param streamIndex index among all the container's streams
 * @param codec       codec name as FFmpeg reports it
 * @param sampleRate  native rate in Hz
 * @param channels    native channel count
 * @param duration    seconds, when the container states it, else NaN
 * @param language    the stream's language tag from the container metadata, or {@code null}
 */
public record AudioStreamInfo(int ordinal, int streamIndex, String codec, int sampleRate, int channels,
                              double duration, String language) {
}
