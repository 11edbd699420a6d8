package org.samtal.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Decoded audio kept on disk as raw 16-bit little-endian PCM, one file per channel, so that hours of audio
 * cost disk, not heap, and any stretch can be read again without decoding the source a second time.
 *
 * @param channelFiles one raw PCM file per channel
 * @param sampleRate   samples per second
 * @param numSamples   samples per channel
 */
public record DecodedAudio(List<Path> channelFiles, int sampleRate, long numSamples) {
    public DecodedAudio {
        channelFiles = List.copyOf(channelFiles);
        if (channelFiles.isEmpty()) throw new IllegalArgumentException("no channels");
    }

    public int channels() {
        return channelFiles.size();
    }

    /** Duration computed from the sample count, the only exact source of it. */
    public double duration() {
        return (double) numSamples / sampleRate;
    }

    public long sampleAt(double seconds) {
        return Math.max(0, Math.min(numSamples, Math.round(seconds * sampleRate)));
    }

    /** Reads samples {@code [from, to)} of one channel as 16-bit values. */
    public short[] read(int channel, long from, long to) {
        if (from < 0 || to > numSamples || to < from) {
            throw new IndexOutOfBoundsException("samples [" + from + ", " + to + ") outside [0, " + numSamples + ")");
        }
        int n = Math.toIntExact(to - from);
        short[] out = new short[n];
        ByteBuffer buf = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(channelFiles.get(channel), StandardOpenOption.READ)) {
            long pos = from * 2;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos);
                if (r < 0) throw new IOException("unexpected end of " + channelFiles.get(channel));
                pos += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.flip();
        buf.asShortBuffer().get(out);
        return out;
    }

    /** Opens one channel's raw PCM (16-bit little-endian) for streaming, e.g. into a TarsosDSP dispatcher. */
    public java.io.InputStream openStream(int channel) throws IOException {
        return new java.io.BufferedInputStream(Files.newInputStream(channelFiles.get(channel)), 1 << 16);
    }

    /** Deletes the PCM files. */
    public void delete() {
        for (Path p : channelFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless; the work folder is cleaned on the next run
            }
        }
    }
}
