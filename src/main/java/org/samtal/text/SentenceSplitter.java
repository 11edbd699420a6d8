package org.samtal.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits running text into sentences. A sentence ends at {@code . ! ? …} followed by space and a capital letter
 * (or a letter of a script without case: Hangul, Han, Arabic) or digit, unless the word before the stop is a known
 * abbreviation (Icelandic and English lists) or an initial; a line break before a capital (or caseless) letter also
 * ends one (transcripts with a sentence per line often lack stops).
 * Ordinals like "17. júní" stay whole because a lower-case word follows them.
 */
public final class SentenceSplitter {
    private static final Set<String> ABBREVIATIONS_IS = Set.of("t.d.", "o.s.frv.", "þ.e.", "þ.e.a.s.", "m.a.", "sbr.",
            "u.þ.b.", "o.fl.", "o.þ.h.", "nk.", "skv.", "e.t.v.", "frh.", "hr.", "dr.", "bls.", "kr.", "ca.", "nr.", "gr.",
            "mín.", "sek.", "kl.", "þús.", "millj.", "ma.", "f.h.", "e.h.", "a.m.k.", "rvk.", "sr.", "frk.", "fr.", "st.",
            "f.kr.", "e.kr.", "þ.á.m.", "m.ö.o.", "o.m.fl.", "ath.", "s.s.", "sl.", "þ.m.t.");
    private static final Set<String> ABBREVIATIONS_EN = Set.of("mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "e.g.",
            "i.e.", "etc.", "vs.", "no.", "jr.", "sr.", "inc.", "ltd.", "u.s.", "a.m.", "p.m.", "approx.", "dept.", "fig.",
            "mt.", "co.", "corp.", "gen.", "gov.", "sen.", "rep.", "rev.", "capt.", "lt.", "col.");

    /**
     * One sentence.
     *
     * @param start offset of its first non-space character in the input
     * @param end   offset just past its last non-space character
     */
    public record Span(int start, int end) {
    }

    private final Set<String> abbreviations;

    /** A splitter for a BCP 47 language tag; languages without a list get the English one. */
    public SentenceSplitter(String languageTag) {
        String lang = languageTag == null ? "" : languageTag.toLowerCase(Locale.ROOT).split("-")[0];
        this.abbreviations = lang.equals("is") ? union(ABBREVIATIONS_IS, ABBREVIATIONS_EN) : ABBREVIATIONS_EN;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    public List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int n = text.length();
        int start = skipSpace(text, 0);
        int i = start;
        while (i < n) {
            char c = text.charAt(i);
            int boundary = -1;
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i;
                while (j < n && ".!?…".indexOf(text.charAt(j)) >= 0) j++;
                while (j < n && "\"'»”’)]".indexOf(text.charAt(j)) >= 0) j++;
                if (j >= n) {
                    boundary = n;
                } else if (Character.isWhitespace(text.charAt(j))) {
                    int next = skipSpace(text, j);
                    if (next < n && startsSentence(text.charAt(next)) && !(c == '.' && isAbbreviation(text, i))) {
                        boundary = j;
                    }
                }
                if (boundary < 0) {
                    i = j;
                    continue;
                }
            } else if (c == '\n') {
                int next = skipSpace(text, i);
                if (next < n && capital(text.charAt(next)) && i > start) boundary = i;
            }
            if (boundary >= 0) {
                addSpan(spans, text, start, boundary);
                start = skipSpace(text, boundary);
                i = start;
            } else {
                i++;
            }
        }
        if (start < n) addSpan(spans, text, start, n);
        return spans;
    }

    private static void addSpan(List<Span> spans, String text, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) e--;
        if (e > start) spans.add(new Span(start, e));
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    private static boolean startsSentence(char c) {
        return capital(c) || Character.isDigit(c) || "\"'«„“‘(-–—[".indexOf(c) >= 0;
    }

    /** A capital letter, or a letter of a script without case (Korean has no capitals to start its sentences). */
    private static boolean capital(char c) {
        return Character.isUpperCase(c) || Character.isTitleCase(c)
                || Character.isLetter(c) && Character.toUpperCase(c) == c && Character.toLowerCase(c) == c;
    }

    /** Whether the word ending with the stop at {@code dot} is an abbreviation or an initial. */
    private boolean isAbbreviation(String text, int dot) {
        int a = dot;
        while (a > 0 && !Character.isWhitespace(text.charAt(a - 1))) a--;
        String word = text.substring(a, dot + 1).toLowerCase(Locale.ROOT).replaceAll("^[\"'(«„“‘\\[]+", "");
        if (abbreviations.contains(word)) return true;
        // a single letter before the stop is an initial ("J. K. Rowling")
        return word.length() == 2 && Character.isLetter(word.charAt(0)) && Character.isUpperCase(text.charAt(dot - 1));
    }
}
