package org.samtal.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.ShortPointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/**
 * A file of 16-bit samples as they are (FLAC, PCM WAV: every clip samtal writes), through FFmpeg's own API rather
 * than JavaCV's recorder. The recorder trims the C heap ({@code malloc_trim}) each time it is stopped, released or
 * finalised, three times a clip: measured on 8 recordings of 5 minutes, 2,084 trims a build, a seventh of its CPU,
 * and while one worker trims the other waits for the heap's locks. The same FFmpeg writes the same file (the same
 * muxer, encoder and sample format, blocks of the encoder's frame size); nothing here trims.
 */
final class PlainAudioWriter {
    /** Blocks for an encoder that takes any size (PCM). */
    private static final int PCM_BLOCK = 4096;

    private final Path file;
    private final int channels;
    private AVFormatContext oc;
    private AVCodecContext c;
    private AVStream stream;
    private AVFrame frame;
    private AVPacket packet;
    private int frameSamples;
    private int filled;
    private long pts;

    /** Whether this writer can write the codec: one taking 16-bit interleaved samples at any rate, without video. */
    static boolean writes(EncoderSettings s) {
        return !s.withVideo() && (s.codec().equals("flac") || s.codec().equals("pcm_s16le"));
    }

    PlainAudioWriter(Path file, Path named, EncoderSettings s) {
        this.file = named;
        this.channels = s.channels();
        try {
            AVCodec codec = avcodec_find_encoder_by_name(s.codec());
            if (codec == null || codec.isNull()) {
                throw new MediaException(named, "cannot be written: this FFmpeg build has no encoder '" + s.codec() + "'",
                        "choose another output format");
            }
            oc = new AVFormatContext(null);
            check(avformat_alloc_output_context2(oc, null, s.container(), file.toString()), "choosing the container");
            stream = avformat_new_stream(oc, null);
            if (stream == null || stream.isNull()) throw fail("adding the audio stream", -12);
            c = avcodec_alloc_context3(codec);
            c.sample_fmt(AV_SAMPLE_FMT_S16);
            c.sample_rate(s.sampleRate());
            av_channel_layout_default(c.ch_layout(), channels);
            c.time_base(av_make_q(1, s.sampleRate()));
            if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            check(avcodec_open2(c, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "opening the encoder");
            check(avcodec_parameters_from_context(stream.codecpar(), c), "describing the stream");
            stream.time_base(c.time_base());
            if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext pb = new AVIOContext(null);
                check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "opening the file");
                oc.pb(pb);
            }
            check(avformat_write_header(oc, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "writing the header");
            frameSamples = c.frame_size() > 0 ? c.frame_size() : PCM_BLOCK;
            frame = av_frame_alloc();
            frame.format(AV_SAMPLE_FMT_S16);
            frame.sample_rate(s.sampleRate());
            frame.nb_samples(frameSamples);
            av_channel_layout_default(frame.ch_layout(), channels);
            check(av_frame_get_buffer(frame, 0), "allocating a frame");
            packet = av_packet_alloc();
        } catch (RuntimeException e) {
            free();
            throw e;
        }
    }

    /** Writes the first {@code count} values of {@code interleaved}, in frames of the encoder's size. */
    void write(short[] interleaved, int count) {
        int offset = 0;
        while (offset < count) {
            if (filled == 0) check(av_frame_make_writable(frame), "preparing a frame"); // the encoder may hold the last one
            int n = Math.min(count - offset, (frameSamples - filled) * channels);
            new ShortPointer(frame.data(0)).position((long) filled * channels).put(interleaved, offset, n);
            filled += n / channels;
            offset += n;
            if (filled == frameSamples) send(frameSamples);
        }
    }

    /** The last, shorter frame, the encoder drained, the trailer written and the file closed. */
    void finish() {
        if (filled > 0) send(filled);
        check(avcodec_send_frame(c, null), "finishing the encoding");
        drain();
        check(av_write_trailer(oc), "writing the trailer");
    }

    private void send(int samples) {
        frame.nb_samples(samples);
        frame.pts(pts);
        pts += samples;
        check(avcodec_send_frame(c, frame), "encoding");
        filled = 0;
        drain();
    }

    private void drain() {
        int eagain = org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN();
        while (true) {
            int r = avcodec_receive_packet(c, packet);
            if (r == eagain || r == AVERROR_EOF) return;
            check(r, "encoding");
            packet.stream_index(stream.index());
            AVRational from = c.time_base();
            av_packet_rescale_ts(packet, from, stream.time_base());
            check(av_interleaved_write_frame(oc, packet), "writing"); // it takes the packet's data
        }
    }

    /** Frees what FFmpeg allocated and closes the file; safe to call twice. */
    void free() {
        if (packet != null) av_packet_free(packet);
        packet = null;
        if (frame != null) av_frame_free(frame);
        frame = null;
        if (c != null) avcodec_free_context(c);
        c = null;
        if (oc != null && !oc.isNull()) {
            if ((oc.oformat().flags() & AVFMT_NOFILE) == 0 && oc.pb() != null && !oc.pb().isNull()) avio_closep(oc.pb());
            avformat_free_context(oc);
        }
        oc = null;
    }

    private void check(int r, String doing) {
        if (r < 0) throw fail(doing, r);
    }

    private MediaException fail(String doing, int r) {
        byte[] buf = new byte[256];
        av_strerror(r, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) len++;
        String reason = new String(buf, 0, len, StandardCharsets.UTF_8);
        // as an IOException beneath, as JavaCV's did: a full disk is then told apart (util/DiskFullException) and
        // stops the build instead of failing every recording after it
        return new MediaException(file, "cannot be written: " + doing + " failed (" + reason + ")",
                "check the folder, the disk and the format", new java.io.IOException(reason + ": " + file));
    }
}
