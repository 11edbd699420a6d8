package org.samtal.text;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks language tags: BCP 47 with the shortest ISO 639 code ({@code is}, {@code is-IS}, {@code en-US}).
 * Consumers (Lhotse, NeMo, Kaldi) accept any string, so a wrong tag would travel unnoticed.
 */
public final class LanguageTags {
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());
    /** Names and three-letter codes people write instead of the tag. */
    private static final Map<String, String> COMMON_MISTAKES = Map.ofEntries(
            Map.entry("isl", "is"), Map.entry("ice", "is"), Map.entry("icelandic", "is"), Map.entry("iceland", "is"),
            Map.entry("íslenska", "is"), Map.entry("eng", "en"), Map.entry("english", "en"), Map.entry("kor", "ko"),
            Map.entry("korean", "ko"), Map.entry("dan", "da"), Map.entry("danish", "da"), Map.entry("nor", "no"),
            Map.entry("swe", "sv"), Map.entry("fao", "fo"), Map.entry("faroese", "fo"), Map.entry("ger", "de"),
            Map.entry("deu", "de"), Map.entry("german", "de"), Map.entry("fra", "fr"), Map.entry("fre", "fr"),
            Map.entry("pol", "pl"), Map.entry("polish", "pl"), Map.entry("spa", "es"), Map.entry("spanish", "es"));

    private LanguageTags() {
    }

    /**
     * Returns the tag in canonical case ({@code is-IS}), or throws with a suggestion.
     *
     * @throws IllegalArgumentException when the tag is not a valid BCP 47 tag of a known language
     */
    public static String validate(String tag) {
        if (tag == null || tag.isBlank()) throw new IllegalArgumentException("a language tag is required (e.g. is, en-US)");
        String t = tag.strip();
        String suggestion = COMMON_MISTAKES.get(t.toLowerCase(Locale.ROOT));
        if (suggestion == null && t.contains("_")) suggestion = t.replace('_', '-');
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(t).build();
        } catch (IllformedLocaleException e) {
            throw refused(t, suggestion);
        }
        String lang = locale.getLanguage();
        if (!ISO_639_1.contains(lang) || lang.length() != 2) throw refused(t, suggestion);
        return locale.toLanguageTag();
    }

    /** The primary language subtag ({@code is} for {@code is-IS}). */
    public static String primary(String tag) {
        return tag.split("-")[0].toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException refused(String tag, String suggestion) {
        return new IllegalArgumentException("'" + tag + "' is not a BCP 47 language tag samtal knows"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; use the two-letter ISO 639-1 code, e.g. is, en, is-IS"));
    }
}
