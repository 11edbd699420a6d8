package org.samtal.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the training text of a segment from its delivered text: Unicode NFC, one kind of quote and dash, non-speech
 * annotations ({@code [laughter]}, {@code (inaudible)}, {@code <noise>}, {@code xxx}) taken out and kept as event
 * tags, numbers in words for English and Icelandic, then the casing and punctuation policies. Letters of every
 * alphabet are kept as they are (þ, ð, æ, ö, á, é, í, ó, ú, ý).
 */
public final class TrainingText {
    /** What to do with letter case. */
    public enum Case { KEEP, LOWER }

    /** What to do with punctuation. */
    public enum Punctuation { KEEP, STRIP }

    /**
     * @param text   the training text
     * @param events non-speech annotations found, in order (e.g. {@code laughter}, {@code inaudible})
     * @param flags  things a reviewer should know: {@code digits} (numbers left as digits: language without
     *               number words, or ordinals), {@code numbers_inflected} (Icelandic numbers written in the neuter,
     *               which the context may not want)
     */
    public record Result(String text, List<String> events, List<String> flags) {
    }

    private static final Pattern EVENT = Pattern.compile("\\[([^\\]]{1,40})]|\\(([^)]{1,40})\\)|<([^>]{1,40})>|(?<![\\p{L}])(x{3,}|X{3,})(?![\\p{L}])");
    private static final Pattern ORDINAL = Pattern.compile("\\b\\d+\\.(?=\\s+\\p{Ll})");

    private final String language;
    private final Case casing;
    private final Punctuation punctuation;

    public TrainingText(String languageTag, Case casing, Punctuation punctuation) {
        this.language = LanguageTags.primary(languageTag);
        this.casing = casing;
        this.punctuation = punctuation;
    }

    public Result normalize(String delivered) {
        List<String> events = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        // stray control characters (a pasted BEL, form feeds) become spaces; zero-width marks go
        String s = Normalizer.normalize(delivered, Normalizer.Form.NFC).replaceAll("\\p{Cc}", " ")
                .replaceAll("[\u200B-\u200D\uFEFF]", "");
        s = s.replaceAll("[„“”«»″]", "\"").replaceAll("[‘’‚′`]", "'").replaceAll("[‐‑‒–—―]", "-");
        Matcher m = EVENT.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String tag = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "unintelligible";
            events.add(tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_"));
            m.appendReplacement(sb, " ");
        }
        m.appendTail(sb);
        s = sb.toString();
        if (ORDINAL.matcher(s).find()) {
            flags.add("digits"); // ordinals ("17. júní") inflect; they stay as written
        }
        s = numbers(s, flags);
        if (casing == Case.LOWER) s = s.toLowerCase(Locale.forLanguageTag(language));
        if (punctuation == Punctuation.STRIP) {
            // keep apostrophes and hyphens inside words (don't, Reykjavík-Akureyri), drop the rest
            s = s.replaceAll("(?<![\\p{L}\\p{N}])['-]|['-](?![\\p{L}\\p{N}])", " ").replaceAll("[^\\p{L}\\p{M}\\p{N}\\s'-]", " ");
        }
        s = s.replaceAll("\\s+", " ").strip();
        return new Result(s, List.copyOf(events), List.copyOf(flags));
    }

    private String numbers(String s, List<String> flags) {
        boolean english = language.equals("en");
        boolean icelandic = language.equals("is");
        // thousands separators and decimal marks differ: 1,000.5 in English, 1.000,5 in Icelandic
        Pattern number = english ? Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?![\\d]|\\.\\s+\\p{Ll})")
                : Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:\\.\\d{3})+|\\d+)(?:,(\\d+))?(?![\\d]|\\.\\s+\\p{Ll})");
        Matcher m = number.matcher(s);
        if (!english && !icelandic) {
            if (m.find() && !flags.contains("digits")) flags.add("digits");
            return s;
        }
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            String whole = m.group(1).replace(",", "").replace(".", "");
            if (whole.length() > 12) continue;
            long n = Long.parseLong(whole);
            String words = english ? NumberWords.english(n) : NumberWords.icelandic(n);
            if (m.group(2) != null) {
                StringBuilder frac = new StringBuilder(english ? " point" : " komma");
                for (char c : m.group(2).toCharArray()) {
                    frac.append(' ').append(english ? NumberWords.english(c - '0') : NumberWords.icelandic(c - '0'));
                }
                words += frac;
            }
            m.appendReplacement(sb, " " + Matcher.quoteReplacement(words) + " ");
            any = true;
        }
        m.appendTail(sb);
        if (any && icelandic) flags.add("numbers_inflected");
        return sb.toString();
    }
}
