package org.samtal.align;

import org.samtal.speech.SpeechDetector;
import org.samtal.synth.Espeak;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the alignment engine for a recording and owns what engines load (Vosk models are loaded once per build
 * and freed by {@link #close()}). {@code auto} chooses by evidence: when both Vosk (an installed model for the
 * language) and the synthetic-speech aligner (an espeak-ng voice) can run, Vosk aligns first and the synthetic
 * aligner tries whatever Vosk left unplaced or scored low, each sentence keeping the better placement
 * ({@link BackedAligner}); with only one of them, that one; with neither, the length aligner (with a warning).
 */
public final class Aligners implements AutoCloseable {
    public static final List<String> NAMES = List.of("auto", TimedAligner.NAME, VoskAligner.NAME, SyntheticAligner.NAME,
            LengthAligner.NAME);
    /** How far delivered times may move to reach a speech edge, and may differ from the independent alignment. */
    static final double TIMED_WINDOW = 0.5;

    private final Espeak espeak;
    private final SpeechDetector detector;
    private final ModelCatalog catalog;
    private final Path modelOverride;
    private final double snapSeconds;
    private final double acceptScore;
    private final int cores;
    private final Map<String, List<String>> voices = new HashMap<>();
    private final Map<Path, Model> models = new HashMap<>();

    /**
     * @param espeak        the synthesiser (may be missing on the machine)
     * @param detector      the speech detector whose maps the aligners get
     * @param catalog       the model catalog
     * @param modelOverride a Vosk model folder to use whatever the language ({@code --model}), or {@code null}
     * @param snapSeconds   how far engines may move a boundary to reach the edge of detected speech
     * @param acceptScore   the lowest score the build accepts: below it an engine's placement is weak, and with
     *                      {@code auto} another engine tries
     * @param cores         the cores one recording's alignment may use (see {@link SyntheticAligner})
     */
    public Aligners(Espeak espeak, SpeechDetector detector, ModelCatalog catalog, Path modelOverride, double snapSeconds,
                    double acceptScore, int cores) {
        this.cores = cores;
        this.snapSeconds = snapSeconds;
        this.acceptScore = acceptScore;
        this.espeak = espeak;
        this.detector = detector;
        this.catalog = catalog;
        this.modelOverride = modelOverride;
    }

    /**
     * @param chosen the engine chosen
     * @param note   why a weaker engine was chosen, for the report, else {@code null}
     */
    public record Choice(Aligner chosen, String note) {
    }

    /**
     * @param timed whether the transcript carries times (then {@code auto} checks them with the best other engine)
     * @throws IllegalStateException when the engine named cannot run here, with what to install
     */
    public Choice choose(String name, String languageTag, boolean timed) {
        if (name.equals(TimedAligner.NAME) || (name.equals("auto") && timed)) {
            if (!timed) throw new IllegalStateException("--aligner timed needs a transcript with times (.srt, .vtt)");
            Choice inner = choose("auto", languageTag, false);
            return new Choice(new TimedAligner(inner.chosen(), TIMED_WINDOW), inner.note());
        }
        return switch (name) {
            case "auto" -> {
                Optional<Path> model = voskModel(languageTag);
                String voice = voice(languageTag);
                if (model.isPresent() && voice != null) {
                    yield new Choice(new BackedAligner(vosk(model.get(), languageTag),
                            synthetic(languageTag), acceptScore), null);
                }
                if (model.isPresent()) yield new Choice(vosk(model.get(), languageTag), null);
                // falls through to the synthetic aligner, then to length
                String missing = missingModelNote(languageTag);
                if (voice != null) {
                    yield new Choice(synthetic(languageTag), missing);
                }
                yield new Choice(new LengthAligner(), espeak.available()
                        ? "espeak-ng has no voice for " + languageTag + ": aligned by length only (weaker); see models/README.md"
                        : "espeak-ng is not installed: aligned by length only (weaker); install it with: sudo apt-get install espeak-ng");
            }
            case VoskAligner.NAME -> {
                Path model = voskModel(languageTag).orElseThrow(() -> new IllegalStateException(
                        Optional.ofNullable(missingModelNote(languageTag)).orElse("no Vosk model for " + languageTag
                                + " in the catalog; pass --model DIR or see models/README.md for where models come from")));
                yield new Choice(vosk(model, languageTag), null);
            }
            case SyntheticAligner.NAME -> {
                String voice = voice(languageTag);
                if (voice == null) {
                    throw new IllegalStateException(espeak.available()
                            ? "espeak-ng has no voice for " + languageTag + "; choose --aligner length"
                            : "the synthetic aligner needs espeak-ng: sudo apt-get install espeak-ng");
                }
                yield new Choice(synthetic(languageTag), null);
            }
            case LengthAligner.NAME -> new Choice(new LengthAligner(), null);
            default -> throw new IllegalArgumentException("unknown aligner '" + name + "'; choose one of " + NAMES);
        };
    }

    private SyntheticAligner synthetic(String languageTag) {
        return new SyntheticAligner(espeak, detector, voices(languageTag), cores);
    }

    /** The installed Vosk model for a language: {@code --model}, else the catalog's. */
    Optional<Path> voskModel(String languageTag) {
        if (modelOverride != null) {
            if (!ModelCatalog.isVoskModel(modelOverride)) {
                throw new IllegalStateException("--model " + modelOverride + " is not a Vosk model folder (it needs "
                        + "am/final.mdl, conf/model.conf and graph/); see models/README.md");
            }
            return Optional.of(modelOverride);
        }
        return catalog.vosk(languageTag).map(catalog::resolve).filter(ModelCatalog::isVoskModel);
    }

    /** A note when the catalog lists a model for the language that is not installed, else {@code null}. */
    private String missingModelNote(String languageTag) {
        return catalog.vosk(languageTag).filter(e -> !ModelCatalog.isVoskModel(catalog.resolve(e)))
                .map(e -> "the catalog lists a Vosk model for " + languageTag + " at " + catalog.resolve(e)
                        + " but it is not installed (" + e.source() + ")")
                .orElse(null);
    }

    private VoskAligner vosk(Path dir, String languageTag) {
        Model model = models.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            try {
                return new Model(d.toString());
            } catch (IOException e) {
                throw new IllegalStateException("the Vosk model in " + d + " failed to load (" + e.getMessage()
                        + "); reinstall it, see models/README.md");
            }
        });
        boolean grammar = Files.isRegularFile(dir.resolve("graph/Gr.fst")) && Files.isRegularFile(dir.resolve("graph/HCLr.fst"));
        return new VoskAligner(model, snapSeconds, grammar, languageTag);
    }

    /** The language's default espeak-ng voice, {@code null} when there is none. */
    private String voice(String languageTag) {
        List<String> v = voices(languageTag);
        return v.isEmpty() ? null : v.get(0);
    }

    /** The espeak-ng voices the synthetic aligner chooses among for a language (asked once per language). */
    private List<String> voices(String languageTag) {
        return voices.computeIfAbsent(languageTag, espeak::voicesFor);
    }

    @Override
    public void close() {
        models.values().forEach(Model::close);
        models.clear();
    }

    /** The default catalog folder: {@code models/} of the checkout or working folder, or {@code $SAMTAL_MODELS}. */
    public static Path defaultModelsFolder(Path checkout) {
        String env = System.getenv("SAMTAL_MODELS");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path p = checkout.resolve("models");
        return Files.isDirectory(p) ? p : Path.of("models");
    }
}
