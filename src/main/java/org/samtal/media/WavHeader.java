package org.samtal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A truncation check for RIFF/WAVE files. FFmpeg quietly trusts the file size over a WAV header's data size, so a
 * WAV cut off in transfer decodes without complaint; the header still says how long it should be.
 */
final class WavHeader {
    private static final int MAX_HEADER = 1 << 16;

    private WavHeader() {
    }

    /** A description of the truncation, or empty when the file is not a WAV file or is complete. */
    static Optional<String> truncation(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAX_HEADER);
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (head.length < 12 || !tag(head, 0, "RIFF") || !tag(head, 8, "WAVE")) return Optional.empty();
            int pos = 12;
            while (pos + 8 <= head.length) {
                long size = Integer.toUnsignedLong(b.getInt(pos + 4));
                if (tag(head, pos, "data")) {
                    // 0 and 0xFFFFFFFF mark a header written before the length was known (streamed WAV)
                    if (size == 0 || size == 0xFFFFFFFFL) return Optional.empty();
                    long have = Files.size(file) - (pos + 8);
                    if (have < size * 0.99) {
                        return Optional.of(String.format("is truncated: its WAV header declares %d bytes of audio but "
                                + "only %d are present (%.0f%%)", size, have, 100.0 * have / size));
                    }
                    return Optional.empty();
                }
                pos += 8 + (int) Math.min(size + (size & 1), MAX_HEADER);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean tag(byte[] b, int at, String t) {
        for (int i = 0; i < 4; i++) if (at + i >= b.length || b[at + i] != t.charAt(i)) return false;
        return true;
    }
}
