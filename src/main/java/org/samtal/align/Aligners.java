package org.samtal.align;

import java.util.List;

/**
 * Picks the alignment engine for a recording. {@code auto} takes the best engine available for the language;
 * today that is the length aligner, which needs neither model nor synthesiser.
 */
public final class Aligners {
    public static final List<String> NAMES = List.of("auto", LengthAligner.NAME);

    /**
     * @param chosen the engine chosen
     * @param note   why it was chosen, when the user did not name it (for the report), else {@code null}
     */
    public record Choice(Aligner chosen, String note) {
    }

    public Choice choose(String name, String languageTag) {
        return switch (name) {
            case "auto" -> new Choice(new LengthAligner(), null);
            case LengthAligner.NAME -> new Choice(new LengthAligner(), null);
            default -> throw new IllegalArgumentException("unknown aligner '" + name + "'; choose one of " + NAMES);
        };
    }
}
