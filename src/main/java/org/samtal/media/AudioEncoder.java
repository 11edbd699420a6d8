package org.samtal.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ShortBuffer;
import java.nio.file.Path;

/**
 * Streams 16-bit interleaved samples into a media file through FFmpeg. Open it with
 * {@link Media#openEncoder(Path, EncoderSettings)}; blocks of any size may be written.
 */
public final class AudioEncoder implements AutoCloseable {
    private static final int VIDEO_SIZE = 64;
    private static final double VIDEO_FPS = 5;

    private final Path out;
    private final EncoderSettings settings;
    /** FFmpeg's own API for the plain formats every clip is written in; JavaCV's recorder for the rest. */
    private final PlainAudioWriter plain;
    private final FFmpegFrameRecorder recorder;
    private final Frame blackFrame;
    private long samplesWritten;
    private long videoFrames;
    private boolean closed;

    AudioEncoder(Path out, EncoderSettings settings) {
        this(out, settings, true);
    }

    /** @param plainAllowed false: JavaCV's recorder whatever the format (to compare the two, in tests) */
    AudioEncoder(Path out, EncoderSettings settings, boolean plainAllowed) {
        // name the file the user asked for, not the temp file it is written through
        this.out = out.resolveSibling(out.getFileName().toString().replaceFirst("^\\.tmp-[0-9a-f]+-", ""));
        this.settings = settings;
        if (plainAllowed && PlainAudioWriter.writes(settings)) {
            plain = new PlainAudioWriter(out, this.out, settings);
            recorder = null;
            blackFrame = null;
            return;
        }
        plain = null;
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(settings.codec());
        if (codec == null || codec.isNull()) {
            throw new MediaException(this.out, "cannot be written: this FFmpeg build has no encoder '" + settings.codec() + "'",
                    "choose another output format");
        }
        // Opus only runs at 48 kHz; the recorder resamples what it is given.
        int fileRate = settings.codec().equals("libopus") ? 48_000 : settings.sampleRate();
        recorder = settings.withVideo()
                ? new FFmpegFrameRecorder(out.toFile(), VIDEO_SIZE, VIDEO_SIZE, settings.channels())
                : new FFmpegFrameRecorder(out.toFile(), settings.channels());
        recorder.setFormat(settings.container());
        recorder.setAudioCodecName(settings.codec());
        recorder.setSampleRate(fileRate);
        recorder.setAudioChannels(settings.channels());
        if (settings.bitrate() > 0) recorder.setAudioBitrate(settings.bitrate());
        // FFmpeg's own Vorbis encoder is marked experimental; it is the only Vorbis encoder in JavaCV's build
        if ((codec.capabilities() & avcodec.AV_CODEC_CAP_EXPERIMENTAL) != 0) recorder.setAudioOption("strict", "experimental");
        if (settings.withVideo()) {
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(VIDEO_FPS);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            blackFrame = new Frame(VIDEO_SIZE, VIDEO_SIZE, Frame.DEPTH_UBYTE, 3);
        } else {
            blackFrame = null;
        }
        try {
            // start() holds a lock on all of JavaCV's FFmpeg while it opens the file and writes the header, for
            // FFmpeg before 4.0, whose codec opening was not thread-safe; this FFmpeg's (7) is, and with workers
            // writing clips at once that lock queued every clip of one behind the other's
            recorder.startUnsafe();
        } catch (FFmpegFrameRecorder.Exception e) {
            release();
            throw new MediaException(out, "cannot be written (" + e.getMessage() + ")", "check the folder and the format", e);
        }
    }

    /** Writes the first {@code count} values of {@code interleaved} (count is a multiple of the channel count). */
    public void write(short[] interleaved, int count) {
        if (closed) throw new IllegalStateException("encoder closed");
        if (plain != null) {
            plain.write(interleaved, count);
            samplesWritten += count / settings.channels();
            return;
        }
        try {
            if (blackFrame != null) {
                // keep the video track in step with the audio so the muxer interleaves them
                double t = (double) (samplesWritten + count / settings.channels()) / settings.sampleRate();
                while (videoFrames < Math.ceil(t * VIDEO_FPS)) {
                    recorder.record(blackFrame);
                    videoFrames++;
                }
            }
            recorder.recordSamples(settings.sampleRate(), settings.channels(), ShortBuffer.wrap(interleaved, 0, count));
            samplesWritten += count / settings.channels();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException(out, "encoding failed (" + e.getMessage() + ")", "check the disk and the format", e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (plain != null) {
            try {
                plain.finish();
            } finally {
                plain.free();
            }
            return;
        }
        try {
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException(out, "could not be finished (" + e.getMessage() + ")", "check the disk", e);
        } finally {
            release();
        }
    }

    private void release() {
        try {
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception ignored) {
            // nothing more to free
        }
    }
}
