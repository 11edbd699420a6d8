package org.samtal.text;

import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Praat TextGrids, long and short text formats alike: both hold the same sequence of values (numbers, quoted
 * strings, {@code <exists>}), the long one with labels around them. Each interval tier is a speaker (its name);
 * each non-empty interval a timed turn; empty intervals are pauses. Point tiers hold no turns and are noted.
 */
final class TextGridReader {
    /** A quoted string (quotes doubled inside), a number, or the flag; bracketed indices are skipped first. */
    private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"]|\"\")*)\"|(?<![\\w.])(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)(?![\\w.])|<exists>");
    private static final Pattern INDEX = Pattern.compile("\\[\\s*\\d*\\s*]");

    private record Token(String value, boolean string, int offset) {
    }

    private TextGridReader() {
    }

    static Transcript read(Path file, String text, List<String> notes) {
        List<Token> tokens = new ArrayList<>();
        String masked = maskIndices(text);
        Matcher m = TOKEN.matcher(masked);
        while (m.find()) {
            if (m.group(1) != null) tokens.add(new Token(m.group(1).replace("\"\"", "\""), true, m.start(1)));
            else if (m.group(2) != null) tokens.add(new Token(m.group(2), false, m.start(2)));
            else tokens.add(new Token("<exists>", false, m.start()));
        }
        int[] pos = {0};
        try {
            expect(tokens, pos, "ooTextFile");
            expect(tokens, pos, "TextGrid");
            number(tokens, pos); // xmin
            number(tokens, pos); // xmax
            if (pos[0] < tokens.size() && tokens.get(pos[0]).value().equals("<exists>")) pos[0]++;
            int tiers = (int) number(tokens, pos);
            List<Turn> turns = new ArrayList<>();
            List<String> allNotes = new ArrayList<>(notes);
            for (int t = 0; t < tiers; t++) {
                String kind = string(tokens, pos);
                String name = string(tokens, pos);
                number(tokens, pos);
                number(tokens, pos);
                int size = (int) number(tokens, pos);
                if (kind.equals("IntervalTier")) {
                    String speaker = SpeakerIds.of(name);
                    for (int i = 0; i < size; i++) {
                        double a = number(tokens, pos);
                        double b = number(tokens, pos);
                        Token label = tokens.get(pos[0]++);
                        String words = label.value().strip();
                        if (!words.isEmpty()) turns.add(new Turn(speaker, words, a, b, null, label.offset()));
                    }
                } else {
                    for (int i = 0; i < size; i++) {
                        number(tokens, pos);
                        string(tokens, pos);
                    }
                    allNotes.add("tier '" + name + "' is a " + kind + " (points, not intervals): not read as speech");
                }
            }
            turns.sort(Comparator.comparingDouble(Turn::start));
            return new Transcript(file, "textgrid", turns, allNotes);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new TranscriptException(file, "is not a complete Praat TextGrid (" + e.getMessage() + ")",
                    "save it again from Praat as a text file");
        }
    }

    /** Blanks out {@code [1]}-style indices of the long format so their numbers are not read as values. */
    private static String maskIndices(String text) {
        StringBuilder sb = new StringBuilder(text);
        Matcher m = INDEX.matcher(text);
        // indices inside quoted strings must stay: only mask outside quotes
        boolean[] quoted = new boolean[text.length()];
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') in = !in;
            quoted[i] = in;
        }
        while (m.find()) {
            if (quoted[m.start()]) continue;
            for (int i = m.start(); i < m.end(); i++) sb.setCharAt(i, ' ');
        }
        // "intervals: size = 3" and "size = 2" keep their numbers; labels like "xmin =" hold none
        return sb.toString();
    }

    private static void expect(List<Token> tokens, int[] pos, String value) {
        String v = string(tokens, pos);
        if (!v.equals(value)) throw new NumberFormatException("expected \"" + value + "\", found \"" + v + "\"");
    }

    private static String string(List<Token> tokens, int[] pos) {
        Token t = tokens.get(pos[0]++);
        if (!t.string()) throw new NumberFormatException("expected a quoted string at offset " + t.offset());
        return t.value();
    }

    private static double number(List<Token> tokens, int[] pos) {
        Token t = tokens.get(pos[0]++);
        if (t.string()) throw new NumberFormatException("expected a number at offset " + t.offset() + ", found \"" + t.value() + "\"");
        return Double.parseDouble(t.value());
    }
}
