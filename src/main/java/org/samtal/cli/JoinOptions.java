package org.samtal.cli;

import org.samtal.synth.JoinedClips;
import picocli.CommandLine.Option;

/** How the recorded clips of a table are joined into one recording (picocli mixin): synth and bench. */
final class JoinOptions {
    @Option(names = "--text-column", defaultValue = "sentence", description = "with --from-table: the column holding "
            + "the transcript, e.g. sentence_norm for lower-case normalised text (default: ${DEFAULT-VALUE})")
    String textColumn;

    @Option(names = "--tight", description = "with --from-table: cut each clip to its speech (0.1 s of its own sound "
            + "either side) and join with 0.25-0.6 s pauses, as in conversation; else whole clips with 0.5-1 s pauses")
    boolean tight;

    @Option(names = "--clips", defaultValue = "0", description = "with --from-table: join at most this many clips (0: all)")
    int clips;

    /** Whether any option differs from its default (they only mean something with --from-table). */
    boolean given() {
        return tight || clips != 0 || !textColumn.equals("sentence");
    }

    /** The pauses and cuts of the joined recording. */
    JoinedClips.JoinSettings settings(long seed) {
        return JoinedClips.JoinSettings.of(tight, seed);
    }
}
