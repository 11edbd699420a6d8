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
import java.util.concurrent.CompletableFuture;

/**
 * Checks the language of transcript text against the declared one with Lingua, restricted to a few languages so
 * it stays fast and small (all of them in high-accuracy mode would take about 4 GB). Text is judged per turn, not
 * per word: single words are too often mistaken. Build one per build and share it; it is thread-safe.
 *
 * <p>Its models take a second or two of two cores to load, so they load in the background from construction on,
 * while the first recording is decoded; {@link #ready()} or the first {@link #detect} waits for them.
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

    /**
     * Lingua keeps the models it loads in process-wide maps, not safe to fill from two threads at once: detectors
     * are built one at a time, and the second finds the models loaded (two workers starting together had each
     * loaded them, a second or more of both cores at a build's start).
     */
    private static final Object LOADING = new Object();

    private final CompletableFuture<LanguageDetector> detector;

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
        IsoCode639_1[] codesToTell = iso.toArray(new IsoCode639_1[0]);
        this.detector = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                synchronized (LOADING) {
                    detector.complete(LanguageDetectorBuilder.fromIsoCodes639_1(codesToTell).withLowAccuracyMode().withPreloadedLanguageModels().build());
                }
            } catch (Throwable e) {
                detector.completeExceptionally(e);
            }
        }, "samtal-language-models");
        loader.setDaemon(true);
        loader.start();
    }

    /** Waits until the models are loaded. */
    public LanguageCheck ready() {
        detector();
        return this;
    }

    private LanguageDetector detector() {
        try {
            return detector.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("the language check's models did not load: " + e.getCause(), e.getCause());
        }
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
        SortedMap<Language, Double> values = detector().computeLanguageConfidenceValues(text);
        if (values.isEmpty()) return null;
        Map.Entry<Language, Double> best = values.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return new Detected(best.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT), best.getValue());
    }

    /** Whether a detection contradicts the declared language with confidence. */
    public static boolean mismatch(Detected d, String declaredTag) {
        return d != null && d.confidence() >= MIN_CONFIDENCE && !d.language().equals(LanguageTags.primary(declaredTag));
    }
}
