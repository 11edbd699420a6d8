package org.samtal.align;

import org.samtal.speech.SpeechDetector;
import org.samtal.synth.Espeak;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the alignment engine for a recording. {@code auto} takes the best engine available for the language:
 * the synthetic-speech aligner when espeak-ng has a voice for it, else the length aligner (with a warning).
 */
public final class Aligners {
    public static final List<String> NAMES = List.of("auto", SyntheticAligner.NAME, LengthAligner.NAME);
    /** How far a boundary may move to reach the edge of detected speech, seconds. */
    static final double SNAP_SECONDS = 0.3;

    private final Espeak espeak;
    private final SpeechDetector detector;
    private final Map<String, String> voices = new HashMap<>();

    /**
     * @param espeak   the synthesiser (may be missing on the machine: then only the length aligner is available)
     * @param detector the speech detector whose maps the aligners get
     */
    public Aligners(Espeak espeak, SpeechDetector detector) {
        this.espeak = espeak;
        this.detector = detector;
    }

    /**
     * @param chosen the engine chosen
     * @param note   why a weaker engine was chosen, for the report, else {@code null}
     */
    public record Choice(Aligner chosen, String note) {
    }

    /**
     * @throws IllegalStateException when the engine named cannot run here, with what to install
     */
    public Choice choose(String name, String languageTag) {
        return switch (name) {
            case "auto" -> {
                String voice = voice(languageTag);
                if (voice != null) yield new Choice(new SyntheticAligner(espeak, detector, voice, SNAP_SECONDS), null);
                yield new Choice(new LengthAligner(), espeak.available()
                        ? "espeak-ng has no voice for " + languageTag + ": aligned by length only (weaker); see models/README.md"
                        : "espeak-ng is not installed: aligned by length only (weaker); install it with: sudo apt-get install espeak-ng");
            }
            case SyntheticAligner.NAME -> {
                String voice = voice(languageTag);
                if (voice == null) {
                    throw new IllegalStateException(espeak.available()
                            ? "espeak-ng has no voice for " + languageTag + "; choose --aligner length"
                            : "the synthetic aligner needs espeak-ng: sudo apt-get install espeak-ng");
                }
                yield new Choice(new SyntheticAligner(espeak, detector, voice, SNAP_SECONDS), null);
            }
            case LengthAligner.NAME -> new Choice(new LengthAligner(), null);
            default -> throw new IllegalArgumentException("unknown aligner '" + name + "'; choose one of " + NAMES);
        };
    }

    private String voice(String languageTag) {
        return voices.computeIfAbsent(languageTag, tag -> {
            String v = espeak.voiceFor(tag);
            return v == null ? "" : v;
        }).transform(v -> v.isEmpty() ? null : v);
    }
}
