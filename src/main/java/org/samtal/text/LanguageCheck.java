package org.samtal.text;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Checks the language of transcript text against the declared one with Lingua, restricted to a few languages so
 * it stays fast and small (all of them in high-accuracy mode would take about 4 GB). Text is judged per turn, not
 * per word: single words are too often mistaken. Build one per build and share it; it is thread-safe.
 */
public final class LanguageCheck {
    /** Languages whose models ship in samtal's jar (see the shade filter in pom.xml). */
    public static final Set<String> AVAILABLE = Set.of("is", "en", "da", "nb", "nn", "sv", "de", "pl", "ko");
    /** The default set: the Nordic languages and the languages most often heard beside them. */
    public static final List<String> DEFAULT = List.of("is", "en", "da", "nb", "sv", "de", "pl");
    /** Turns with fewer letters than this are not judged. */
    private static final int MIN_LETTERS = 20;
    /** A language other than the declared one must be at least this confident to count as a mismatch. */
    private static final double MIN_CONFIDENCE = 0.8;

    private final LanguageDetector detector;

    /**
     * @param languages ISO 639-1 codes to tell apart (the declared language is added when missing)
     * @throws IllegalArgumentException for a code whose model is not in the jar
     */
    public LanguageCheck(List<String> languages, String declaredTag) {
        Set<String> codes = new LinkedHashSet<>();
        for (String l : languages) codes.add(l.toLowerCase(Locale.ROOT));
        String declared = LanguageTags.primary(declaredTag);
        if (AVAILABLE.contains(declared)) codes.add(declared);
        List<IsoCode639_1> iso = new ArrayList<>();
        for (String c : codes) {
            if (!AVAILABLE.contains(c)) {
                throw new IllegalArgumentException("no language model for '" + c + "' in samtal; choose from " + AVAILABLE);
            }
            iso.add(IsoCode639_1.valueOf(c.toUpperCase(Locale.ROOT)));
        }
        if (iso.size() < 2) throw new IllegalArgumentException("language detection needs at least two languages to tell apart");
        // the models loaded here, once per process (Lingua shares them), not inside the first turn checked
        this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(iso.toArray(new IsoCode639_1[0]))
                .withPreloadedLanguageModels().build();
    }

    /**
     * @param language   ISO 639-1 code of the most likely language
     * @param confidence its confidence in [0, 1]
     */
    public record Detected(String language, double confidence) {
    }

    /** The language of a text, or {@code null} when it is too short to judge. */
    public Detected detect(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        if (letters < MIN_LETTERS) return null;
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(text);
        if (values.isEmpty()) return null;
        Map.Entry<Language, Double> best = values.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return new Detected(best.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT), best.getValue());
    }

    /** Whether a detection contradicts the declared language with confidence. */
    public static boolean mismatch(Detected d, String declaredTag) {
        return d != null && d.confidence() >= MIN_CONFIDENCE && !d.language().equals(LanguageTags.primary(declaredTag));
    }
}
