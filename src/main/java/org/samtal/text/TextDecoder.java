package org.samtal.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Decodes a delivered text file: UTF-8 with or without BOM, UTF-16 with BOM, and Windows-1252 (a superset of
 * Latin-1 in printable characters) when a file is not UTF-8 and can be nothing else. Binary files are refused.
 */
final class TextDecoder {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    /**
     * @param text  the decoded text, BOM removed
     * @param notes what the reader should know about the decoding
     */
    record Decoded(String text, List<String> notes) {
    }

    private TextDecoder() {
    }

    static Decoded decode(Path file, byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new Decoded(strict(file, bytes, 2, StandardCharsets.UTF_16LE), List.of("read as UTF-16LE (BOM)"));
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new Decoded(strict(file, bytes, 2, StandardCharsets.UTF_16BE), List.of("read as UTF-16BE (BOM)"));
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new TranscriptException(file, "is not a text file (binary data: a NUL byte at offset " + i + ")",
                        "deliver the transcript as UTF-8 text");
            }
        }
        try {
            return new Decoded(decoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString(), List.of());
        } catch (MalformedInputException e) {
            int offset = firstInvalidUtf8(bytes, start);
            if (looksLikeCp1252(bytes)) {
                return new Decoded(new String(bytes, CP1252), List.of("not valid UTF-8 (first bad byte at offset "
                        + offset + "); read as Windows-1252/Latin-1"));
            }
            throw new TranscriptException(file, "is not valid UTF-8 (first bad byte at offset " + offset + ")",
                    "save it as UTF-8");
        } catch (CharacterCodingException e) {
            throw new TranscriptException(file, "cannot be decoded: " + e.getMessage(), "save it as UTF-8");
        }
    }

    private static String strict(Path file, byte[] bytes, int from, Charset cs) {
        try {
            return decoder(cs).decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            throw new TranscriptException(file, "is not valid " + cs.name(), "save it as UTF-8");
        }
    }

    private static CharsetDecoder decoder(Charset cs) {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static int firstInvalidUtf8(byte[] bytes, int start) {
        CharsetDecoder d = decoder(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        d.decode(in, out, true);
        return in.position();
    }

    /** Text in Windows-1252: no control bytes but tab/CR/LF, and none of the five bytes it leaves undefined. */
    private static boolean looksLikeCp1252(byte[] bytes) {
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f') return false;
            if (v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D || v == 0x7F) return false;
        }
        return true;
    }
}
