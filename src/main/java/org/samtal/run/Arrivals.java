package org.samtal.run;

import org.samtal.corpus.DuplicateIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The duplicate check of a build whose recordings were built at once (each against the corpus as it was, none
 * against another of the same build): put into their stable order, each recording is compared with those before it
 * that the corpus keeps, exactly as a build one recording after another compares them, so the answer does not
 * depend on which finished first. A copy found here was built before it was found: its clips go with the others
 * that this build leaves out ({@link BuildJob}).
 */
public final class Arrivals {
    private Arrivals() {
    }

    /**
     * What one unit of work brought back.
     *
     * @param order       its place in the intake's order (recordings first, then groups of listed clips)
     * @param listed      a group of clips a table lists (no duplicate check, as in a build one by one)
     * @param outcomes    its outcomes: one for a recording, one per clip for a group
     * @param fingerprint the recording's duplicate-index entry, or {@code null} when it was not decoded
     */
    public record Arrival(int order, boolean listed, List<RecordingOutcome> outcomes, DuplicateIndex.Entry fingerprint) {
    }

    /**
     * What the build ends with.
     *
     * @param outcomes every outcome, in the stable order
     * @param earlier  the corpus's recordings before this build
     * @param kept     the recordings the corpus keeps (earlier ones, unless pruned, and those built or skipped now)
     * @param inputs   the recordings among this build's inputs (listed clips aside)
     */
    public record Resolved(List<RecordingOutcome> outcomes, Set<String> earlier, Set<String> kept, Set<String> inputs) {
    }

    /**
     * @param arrivals in any order
     * @param earlier  the recordings the corpus held before this build (in its listing order)
     * @param prune    whether the earlier ones that are not among the inputs go
     * @param policy   {@code skip}, {@code report} or {@code keep} ({@code --duplicates})
     * @param index    the corpus's duplicate index, which holds an entry for every recording fingerprinted
     */
    public static Resolved resolve(List<Arrival> arrivals, Set<String> earlier, boolean prune, String policy,
                                   DuplicateIndex index) {
        List<Arrival> inOrder = new ArrayList<>(arrivals);
        inOrder.sort(Comparator.comparingInt(Arrival::order));
        Set<String> kept = new LinkedHashSet<>(prune ? Set.of() : earlier);
        Set<String> inputs = new LinkedHashSet<>();
        List<RecordingOutcome> outcomes = new ArrayList<>();
        for (Arrival a : inOrder) {
            if (a.listed()) {
                for (RecordingOutcome o : a.outcomes()) {
                    outcomes.add(o);
                    if (o.recordingId() != null && accepted(o)) kept.add(o.recordingId());
                }
                continue;
            }
            RecordingOutcome o = a.outcomes().get(0);
            if (a.fingerprint() != null && !policy.equals("keep") && !o.status().equals(RecordingOutcome.DUPLICATE)) {
                var copy = index.find(a.fingerprint(), List.copyOf(kept));
                if (copy.isPresent() && policy.equals("report") && (accepted(o) || o.aligner() != null)) {
                    // as one by one: the note goes on a copy kept, and on one the aligner then failed, before the
                    // notes the alignment made
                    List<String> notes = new ArrayList<>(o.notes());
                    notes.add(0, RecordingOutcome.keptCopy(copy.get()));
                    o = new RecordingOutcome(o.input(), o.transcript(), o.status(), o.message(), o.recordingId(), o.aligner(),
                            o.audioSeconds(), o.speechSeconds(), o.segments(), o.segmentSeconds(), o.unalignedUnits(),
                            o.removed(), o.warnings(), notes, o.stages(), o.personalData(), o.elapsedSeconds());
                } else if (copy.isPresent() && !policy.equals("report")) {
                    o = RecordingOutcome.duplicate(o.input(), o.transcript(), o.recordingId(), copy.get(), o.audioSeconds(),
                            o.stages(), o.elapsedSeconds());
                }
            }
            outcomes.add(o);
            if (o.recordingId() != null) {
                inputs.add(o.recordingId());
                if (accepted(o)) kept.add(o.recordingId());
                else kept.remove(o.recordingId()); // delivered again and failed or a copy now: its earlier build goes
            }
        }
        return new Resolved(outcomes, new LinkedHashSet<>(earlier), kept, inputs);
    }

    static boolean accepted(RecordingOutcome o) {
        return o.status().equals(RecordingOutcome.OK) || o.status().equals(RecordingOutcome.SKIPPED);
    }
}
