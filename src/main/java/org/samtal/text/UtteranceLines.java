package org.samtal.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells a plain-text transcript written one utterance a line (Kaldi {@code text} without ids, LibriSpeech,
 * normalised corpus text, one sentence a line) from hard-wrapped prose, whose sentences run across lines.
 *
 * <p>Prose is hard-wrapped when nearly every line was broken because the next word would not have fitted; its
 * sentences stop inside lines. Utterance lines vary in length, and their punctuation, if any, stands at the line
 * ends. A text in one case only (all lower, as normalised text is, or all upper, as LibriSpeech is) has lost its
 * punctuation with its case, and its lines are utterances unless it is wrapped.
 */
final class UtteranceLines {
    /** A sentence stop followed by more words inside the same line. */
    private static final Pattern INNER_STOP = Pattern.compile("[.!?…][\"'»”’)\\]]*\\s+\\S");
    /** Share of lines with a stop inside them above which the text is prose. */
    private static final double MAX_INNER_STOPS = 0.15;
    /** Share of broken lines whose next word would not have fitted, from which the text counts as wrapped. */
    private static final double WRAPPED = 0.75;
    /** Narrower than this, lines are not a wrapping width. */
    private static final int MIN_WRAP_WIDTH = 30;

    private UtteranceLines() {
    }

    /**
     * Whether the lines are utterances.
     *
     * @param paragraphs the text's non-blank lines, stripped, grouped into paragraphs (runs without blank lines)
     */
    static boolean utterancePerLine(List<List<String>> paragraphs) {
        int lines = paragraphs.stream().mapToInt(List::size).sum();
        if (lines < 2 || hardWrapped(paragraphs)) return false;
        int innerStops = 0;
        boolean upper = false;
        boolean lower = false;
        for (List<String> p : paragraphs) {
            for (String line : p) {
                if (INNER_STOP.matcher(line).find()) innerStops++;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (Character.isUpperCase(c)) upper = true;
                    else if (Character.isLowerCase(c)) lower = true;
                }
            }
        }
        boolean oneCase = !(upper && lower);
        // a one-case text with sentences stopping all over its lines is prose that lost its capitals
        double limit = oneCase ? 2 * MAX_INNER_STOPS : MAX_INNER_STOPS;
        return innerStops <= limit * lines;
    }

    /**
     * Whether most line breaks inside paragraphs fall where a greedy wrap at the longest line's width puts them:
     * the next line's first word would not have fitted.
     */
    static boolean hardWrapped(List<List<String>> paragraphs) {
        int width = 0;
        for (List<String> p : paragraphs) for (String line : p) width = Math.max(width, line.length());
        if (width < MIN_WRAP_WIDTH) return false;
        int breaks = 0;
        int forced = 0;
        for (List<String> p : paragraphs) {
            for (int i = 0; i + 1 < p.size(); i++) {
                breaks++;
                String next = p.get(i + 1);
                int word = next.indexOf(' ');
                int firstWord = word < 0 ? next.length() : word;
                if (p.get(i).length() + 1 + firstWord > width) forced++;
            }
        }
        return breaks >= 2 && forced >= WRAPPED * breaks;
    }
}
