package org.samtal.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.samtal.util.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The media stage: everything samtal reads from or writes to audio and video files goes through here, and
 * through FFmpeg (JavaCV); no system ffmpeg is needed.
 *
 * <ul>
 *   <li>{@link #probe(Path)}: container, duration and streams, without decoding;</li>
 *   <li>{@link #decode}: any audio or video FFmpeg reads, streamed in blocks into raw PCM on disk;</li>
 *   <li>{@link #writeClip}: a stretch of decoded audio as a FLAC or WAV file, sample-exact;</li>
 *   <li>{@link #openEncoder}: a streaming encoder for any format (used to make test media).</li>
 * </ul>
 */
public final class Media {
    /** A decoded duration this much shorter than the container declares means the file was cut off. */
    private static final double TRUNCATION_TOLERANCE_S = 0.5;
    private static final double TRUNCATION_TOLERANCE_RATIO = 0.02;

    public Media() {
        // FFmpeg's own log goes to stderr and would interleave with samtal's messages; errors reach us as exceptions.
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    /** Reads the container's description of a file. */
    public MediaInfo probe(Path file) {
        checkReadable(file);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            startGrabber(g, file);
            AVFormatContext oc = g.getFormatContext();
            List<AudioStreamInfo> audio = new ArrayList<>();
            boolean video = false;
            for (int i = 0; i < oc.nb_streams(); i++) {
                AVStream st = oc.streams(i);
                AVCodecParameters par = st.codecpar();
                int type = par.codec_type();
                if (type == avutil.AVMEDIA_TYPE_AUDIO) {
                    double dur = st.duration() == avutil.AV_NOPTS_VALUE ? Double.NaN
                            : st.duration() * avutil.av_q2d(st.time_base());
                    audio.add(new AudioStreamInfo(audio.size(), i, avcodec.avcodec_get_name(par.codec_id()).getString(),
                            par.sample_rate(), par.ch_layout().nb_channels(), dur, metadata(st, "language")));
                } else if (type == avutil.AVMEDIA_TYPE_VIDEO
                        && (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                    video = true;
                }
            }
            double duration = oc.duration() == avutil.AV_NOPTS_VALUE ? Double.NaN
                    : oc.duration() / (double) avutil.AV_TIME_BASE;
            return new MediaInfo(file, oc.iformat().name().getString(), duration, audio, video, Files.size(file));
        } catch (IOException e) {
            throw new MediaException(file, "cannot be read: " + e.getMessage(), "check the file's permissions", e);
        }
    }

    /**
     * Decodes one audio stream into raw 16-bit PCM files in {@code workDir}, block by block, so memory stays
     * bounded whatever the length. Resampling and channel mixing are FFmpeg's.
     *
     * @param progress receives the seconds decoded so far, now and then (may be {@code null})
     * @throws MediaException when the file has no such audio stream, decodes to nothing, or is truncated
     */
    public DecodedAudio decode(Path file, DecodeOptions options, Path workDir, DoubleConsumer progress) {
        MediaInfo info = probe(file);
        if (info.audioStreams().isEmpty()) {
            throw new MediaException(file, info.hasVideo() ? "is a video without an audio track" : "has no audio stream",
                    "export it again with its sound, or deliver the audio separately");
        }
        if (options.audioStream() >= info.audioStreams().size()) {
            throw new MediaException(file, "has no audio stream " + options.audioStream() + " (it has "
                    + info.audioStreams().size() + ")", "choose --audio-stream between 0 and " + (info.audioStreams().size() - 1));
        }
        AudioStreamInfo stream = info.audioStreams().get(options.audioStream());
        int outChannels = options.mixToMono() ? 1 : Math.max(1, stream.channels());
        List<Path> files = new ArrayList<>();
        List<OutputStream> outs = new ArrayList<>();
        long samples = 0;
        try {
            AtomicFiles.createDirectories(workDir);
            String base = file.getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_");
            for (int c = 0; c < outChannels; c++) {
                Path p = Files.createTempFile(workDir, base + ".ch" + c + "-", ".s16");
                files.add(p);
                outs.add(new BufferedOutputStream(Files.newOutputStream(p), 1 << 16));
            }
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
                g.setAudioStream(stream.streamIndex());
                g.setSampleRate(options.sampleRate());
                g.setAudioChannels(outChannels);
                g.setSampleFormat(options.mixToMono() ? avutil.AV_SAMPLE_FMT_S16 : avutil.AV_SAMPLE_FMT_S16P);
                startGrabber(g, file);
                byte[] bytes = new byte[0];
                short[] block = new short[0];
                long lastReport = 0;
                Frame frame;
                while ((frame = grabSamples(g, file, samples, options.sampleRate())) != null) {
                    if (frame.samples == null) continue;
                    int n = -1;
                    for (int c = 0; c < outChannels; c++) {
                        ShortBuffer sb = (ShortBuffer) frame.samples[Math.min(c, frame.samples.length - 1)];
                        int len = sb.remaining();
                        n = n < 0 ? len : Math.min(n, len);
                    }
                    if (bytes.length < n * 2) bytes = new byte[n * 2];
                    for (int c = 0; c < outChannels; c++) {
                        ShortBuffer sb = ((ShortBuffer) frame.samples[Math.min(c, frame.samples.length - 1)]).duplicate();
                        if (block.length < n) block = new short[n];
                        sb.get(block, 0, n);
                        Pcm.encode(block, 0, n, bytes);
                        outs.get(c).write(bytes, 0, n * 2);
                    }
                    samples += n;
                    if (progress != null && samples - lastReport >= options.sampleRate() * 60L) {
                        lastReport = samples;
                        progress.accept((double) samples / options.sampleRate());
                    }
                }
            }
            for (OutputStream o : outs) o.close();
            outs.clear();
        } catch (IOException e) {
            deleteQuietly(files);
            throw new UncheckedIOException("decoding " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(files);
            throw e;
        } finally {
            for (OutputStream o : outs) {
                try {
                    o.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
        DecodedAudio audio = new DecodedAudio(files, options.sampleRate(), samples);
        if (samples == 0) {
            audio.delete();
            throw new MediaException(file, "contains no decodable audio", "check that it plays, and export it again");
        }
        WavHeader.truncation(file).ifPresent(problem -> {
            audio.delete();
            throw new MediaException(file, problem, "the copy was cut off; deliver the complete file again");
        });
        double declared = declaredSeconds(info, stream);
        double decoded = audio.duration();
        if (!Double.isNaN(declared) && declared - decoded > Math.max(TRUNCATION_TOLERANCE_S, declared * TRUNCATION_TOLERANCE_RATIO)) {
            audio.delete();
            throw new MediaException(file, String.format("is truncated: its header declares %.1f s of audio but only %.1f s decode",
                    declared, decoded), "the copy was cut off; deliver the complete file again");
        }
        return audio;
    }

    /**
     * How long a stream's header says it lasts, for the truncation check, or NaN when no header says: the
     * stream's own duration, else the container's only when the stream is all it holds (a video's picture, or
     * another audio stream, may run longer: a shorter second stream of a Matroska file was called cut off).
     */
    static double declaredSeconds(MediaInfo info, AudioStreamInfo stream) {
        if (!Double.isNaN(stream.duration())) return stream.duration();
        return info.hasVideo() || info.audioStreams().size() > 1 ? Double.NaN : info.duration();
    }

    /**
     * Decodes media held whole in memory (a synthesiser's WAV) to mono 16-bit samples at {@code sampleRate}, through
     * the same FFmpeg resampling as {@link #decode}, without a file: short audio that would only go to disk and back.
     *
     * @param name what the bytes are, for messages
     */
    public short[] decodeInMemory(byte[] media, String name, int sampleRate) {
        Path label = Path.of(name);
        short[] out = new short[0];
        int n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(new java.io.ByteArrayInputStream(media), 0)) {
            g.setSampleRate(sampleRate);
            g.setAudioChannels(1);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            startGrabber(g, label);
            Frame frame;
            while ((frame = grabSamples(g, label, n, sampleRate)) != null) {
                if (frame.samples == null) continue;
                ShortBuffer sb = ((ShortBuffer) frame.samples[0]).duplicate();
                int len = sb.remaining();
                if (n + len > out.length) out = java.util.Arrays.copyOf(out, Math.max(n + len, out.length * 2));
                sb.get(out, n, len);
                n += len;
            }
        } catch (IOException e) {
            throw new MediaException(label, "could not be decoded (" + shortReason(e) + ")", "check the synthesiser's output", e);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Writes samples {@code [from, to)} of one decoded channel to {@code out} atomically, in the format its
     * {@link ClipFormat} names. The clip holds exactly those samples.
     */
    public void writeClip(DecodedAudio audio, int channel, long from, long to, Path out, ClipFormat format) {
        writeClip(audio, channel, from, to, out, format, List.of());
    }

    /**
     * The same, with stretches of the clip (sample offsets {@code [a, b)} within it) set to silence: redacted
     * personal data.
     */
    public void writeClip(DecodedAudio audio, int channel, long from, long to, Path out, ClipFormat format,
                          List<long[]> silence) {
        writeClip(audio, channel, from, to, out, format, silence, true);
    }

    /**
     * The same, flushed to disk before it is renamed into place only when {@code sync} (else the caller flushes
     * it with the others it writes, {@link AtomicFiles#sync}).
     */
    public void writeClip(DecodedAudio audio, int channel, long from, long to, Path out, ClipFormat format,
                          List<long[]> silence, boolean sync) {
        short[] pcm = audio.read(channel, from, to);
        for (long[] q : silence) {
            java.util.Arrays.fill(pcm, (int) Math.max(0, q[0]), (int) Math.min(pcm.length, Math.max(0, q[1])), (short) 0);
        }
        try {
            AtomicFiles.produce(out, tmp -> {
                try (AudioEncoder enc = openEncoder(tmp, EncoderSettings.clip(format, audio.sampleRate()))) {
                    enc.write(pcm, pcm.length);
                }
            }, sync);
        } catch (IOException e) {
            throw new UncheckedIOException("writing clip " + out + ": " + e.getMessage(), e);
        }
    }

    /** Opens a streaming encoder; see {@link EncoderSettings} for what it can write. */
    public AudioEncoder openEncoder(Path out, EncoderSettings settings) {
        return new AudioEncoder(out, settings);
    }

    private static String metadata(AVStream st, String key) {
        AVDictionaryEntry e = avutil.av_dict_get(st.metadata(), key, null, 0);
        return e == null ? null : e.value().getString();
    }

    private static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new MediaException(file, "does not exist", "check the path");
        }
        if (Files.isDirectory(file)) {
            throw new MediaException(file, "is a folder, not a media file", "name the files inside it");
        }
        if (!Files.isReadable(file)) {
            throw new MediaException(file, "is not readable", "check its permissions");
        }
        try {
            if (Files.size(file) == 0) {
                throw new MediaException(file, "is empty (0 bytes)", "the copy failed; deliver the file again");
            }
        } catch (IOException e) {
            throw new MediaException(file, "cannot be read: " + e.getMessage(), "check the file", e);
        }
    }

    private static void startGrabber(FFmpegFrameGrabber g, Path file) {
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaException(file, "is not a media file FFmpeg can read (" + shortReason(e) + ")",
                    "check that it is audio or video and that the copy is complete", e);
        }
    }

    private static Frame grabSamples(FFmpegFrameGrabber g, Path file, long samplesSoFar, int rate) {
        try {
            return g.grabSamples();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaException(file, String.format("fails to decode after %.1f s (%s)", (double) samplesSoFar / rate,
                    shortReason(e)), "the file is damaged; export or copy it again", e);
        }
    }

    /** FFmpeg's own words for the error code in a JavaCV message, without JavaCV's debugging hints. */
    private static String shortReason(Exception e) {
        String m = String.valueOf(e.getMessage());
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("error (-?\\d+)").matcher(m);
        if (code.find()) {
            byte[] buf = new byte[256];
            if (avutil.av_strerror(Integer.parseInt(code.group(1)), buf, buf.length) == 0) {
                String text = new String(buf, java.nio.charset.StandardCharsets.UTF_8);
                return "FFmpeg: " + text.substring(0, Math.max(0, text.indexOf('\0'))).strip();
            }
        }
        int cut = m.indexOf(" (");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
