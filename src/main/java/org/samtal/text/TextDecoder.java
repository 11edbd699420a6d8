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
 * Decodes a delivered text file: UTF-8 with or without BOM, UTF-16 with BOM, and 8-bit text in the single-byte code
 * page whose reading gives the declared language's letters ({@link CodePages}), or the one the user names. Binary
 * files are refused.
 */
final class TextDecoder {
    /**
     * @param text  the decoded text, BOM removed
     * @param notes what the reader should know about the decoding
     */
    record Decoded(String text, List<String> notes) {
    }

    private TextDecoder() {
    }

    static Decoded decode(Path file, byte[] bytes) {
        return decode(file, bytes, null, null);
    }

    /**
     * @param language the declared language (BCP 47), which tells the code pages of 8-bit text apart, or {@code null}
     * @param encoding the code page of 8-bit text as the user gave it ({@code --encoding}), or {@code null} to choose
     */
    static Decoded decode(Path file, byte[] bytes, String language, String encoding) {
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
            String notUtf8 = "not valid UTF-8 (first bad byte at offset " + firstInvalidUtf8(bytes, start) + ")";
            if (encoding != null) {
                String text = strict(file, bytes, 0, Charset.forName(encoding));
                List<String> notes = new java.util.ArrayList<>(List.of(notUtf8 + "; read as " + encoding + " (--encoding)"));
                String better = betterReading(bytes, language, Charset.forName(encoding), text);
                if (better != null) notes.add(better);
                return new Decoded(text, notes);
            }
            return eightBit(file, bytes, language, notUtf8);
        } catch (CharacterCodingException e) {
            throw new TranscriptException(file, "cannot be decoded: " + e.getMessage(), "save it as UTF-8");
        }
    }

    /** How far below the best reading another still counts as as likely (scores run from -3 to 3 a character). */
    private static final double AS_LIKELY = 0.25;

    /**
     * 8-bit text: the code page whose reading gives the most letters of the language; when several are as likely,
     * refused with the candidates, unless the language is unknown and Windows-1252, the most common, is among them.
     */
    private static Decoded eightBit(Path file, byte[] bytes, String language, String notUtf8) {
        // a reading with more misfits than letters (symbols inside words, scripts mixed in a word) is no text
        List<CodePages.Reading> readings = CodePages.readings(bytes, language).stream().filter(r -> r.score() >= 0).toList();
        if (readings.isEmpty()) {
            throw new TranscriptException(file, "is " + notUtf8 + " nor text in a single-byte code page", "save it as UTF-8");
        }
        CodePages.Reading best = readings.get(0);
        List<CodePages.Reading> likely = readings.stream().filter(r -> r.score() >= best.score() - AS_LIKELY).toList();
        String why = language == null ? "" : " for " + language;
        if (likely.size() == 1) {
            return new Decoded(best.text(), List.of(notUtf8 + "; read as " + display(best.charset())
                    + " (the code page whose letters read as words" + why + ")"));
        }
        if (!CodePages.knows(language) && likely.get(0).charset().equals(CodePages.CANDIDATES.get(0))) {
            return new Decoded(best.text(), List.of(notUtf8 + "; read as " + display(best.charset())
                    + ", the most common code page (" + likely.size() + " read as letters; pass --encoding if it is another)"));
        }
        StringBuilder options = new StringBuilder();
        int at = firstDifference(likely);
        for (CodePages.Reading r : likely) {
            if (options.length() > 0) options.append(", ");
            options.append(r.charset()).append(" (\"").append(word(r.text(), at)).append("\")");
        }
        throw new TranscriptException(file, "is " + notUtf8 + ", and several code pages read it as letters" + why + ": "
                + options, "pass --encoding with the right one, e.g. --encoding " + likely.get(0).charset()
                + ", or save it as UTF-8");
    }

    /**
     * When the code page the user named reads the file as clearly fewer letters of its language than another does,
     * a line saying so with a word of each reading; else {@code null}. A wrong --encoding otherwise gives text that
     * looks nearly right (Icelandic in Windows-1250: "Ţórđur") and is trained on as it is.
     */
    private static String betterReading(byte[] bytes, String language, Charset named, String namedText) {
        if (!CodePages.knows(language)) return null;
        List<CodePages.Reading> readings = CodePages.readings(bytes, language);
        if (readings.isEmpty()) return null;
        CodePages.Reading best = readings.get(0);
        if (Charset.forName(best.charset()).equals(named)) return null;
        double namedScore = readings.stream().filter(r -> Charset.forName(r.charset()).equals(named))
                .mapToDouble(CodePages.Reading::score).findFirst().orElse(Double.NEGATIVE_INFINITY);
        if (best.score() - namedScore <= AS_LIKELY) return null;
        int at = firstDifference(List.of(new CodePages.Reading(named.name(), namedText, namedScore), best));
        return "--encoding " + named.name() + " reads letters " + language + " does not use (\"" + word(namedText, at)
                + "\"), " + display(best.charset()) + " reads them as " + language + " (\"" + word(best.text(), at)
                + "\"): check --encoding";
    }

    /** {@code Windows-1252} rather than Java's {@code windows-1252}: as people write it. */
    private static String display(String charset) {
        return charset.startsWith("windows-") ? "W" + charset.substring(1) : charset;
    }

    private static int firstDifference(List<CodePages.Reading> readings) {
        String a = readings.get(0).text();
        for (int i = 0; i < a.length(); i++) {
            for (CodePages.Reading r : readings) if (i >= r.text().length() || r.text().charAt(i) != a.charAt(i)) return i;
        }
        return 0;
    }

    /** The word around a position, at most 30 characters. */
    private static String word(String text, int at) {
        int a = at;
        int b = at;
        while (a > 0 && at - a < 15 && !Character.isWhitespace(text.charAt(a - 1))) a--;
        while (b < text.length() && b - at < 15 && !Character.isWhitespace(text.charAt(b))) b++;
        return text.substring(a, b);
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
}
