package org.samtal.media;

/**
 * What an {@link AudioEncoder} writes.
 *
 * @param container  FFmpeg muxer name ({@code flac}, {@code wav}, {@code mp3}, {@code mp4}, {@code ogg}, ...)
 * @param codec      FFmpeg encoder name ({@code flac}, {@code pcm_s16le}, {@code libmp3lame}, {@code aac}, ...)
 * @param sampleRate rate of the samples handed to the encoder, and of the file
 * @param channels   channels (samples are handed over interleaved)
 * @param bitrate    bits per second for lossy codecs, 0 for the codec's default
 * @param withVideo  add a small black video track, to make test media that looks like a partner's video
 */
public record EncoderSettings(String container, String codec, int sampleRate, int channels, int bitrate,
                              boolean withVideo) {

    public static EncoderSettings clip(ClipFormat format, int sampleRate) {
        return switch (format) {
            case FLAC -> new EncoderSettings("flac", "flac", sampleRate, 1, 0, false);
            case WAV -> new EncoderSettings("wav", "pcm_s16le", sampleRate, 1, 0, false);
        };
    }

    /** Settings for a file extension: wav, flac, mp3, m4a, mp4 and mkv (AAC with a video track), ogg and opus (Opus), oga (Vorbis, stereo only). */
    public static EncoderSettings forExtension(String ext, int sampleRate, int channels) {
        return switch (ext.toLowerCase(java.util.Locale.ROOT)) {
            case "wav" -> new EncoderSettings("wav", "pcm_s16le", sampleRate, channels, 0, false);
            case "flac" -> new EncoderSettings("flac", "flac", sampleRate, channels, 0, false);
            case "mp3" -> new EncoderSettings("mp3", "libmp3lame", sampleRate, channels, 64_000 * channels, false);
            case "m4a" -> new EncoderSettings("ipod", "aac", sampleRate, channels, 64_000 * channels, false);
            case "mp4" -> new EncoderSettings("mp4", "aac", sampleRate, channels, 64_000 * channels, true);
            case "mkv" -> new EncoderSettings("matroska", "aac", sampleRate, channels, 64_000 * channels, true);
            case "ogg" -> new EncoderSettings("ogg", "libopus", sampleRate, channels, 24_000 * channels, false);
            case "oga" -> new EncoderSettings("ogg", "vorbis", sampleRate, 2, 0, false);
            case "opus" -> new EncoderSettings("ogg", "libopus", sampleRate, channels, 32_000 * channels, false);
            default -> throw new IllegalArgumentException("no encoder settings for ." + ext
                    + " (wav, flac, mp3, m4a, mp4, mkv, ogg, oga, opus)");
        };
    }
}
