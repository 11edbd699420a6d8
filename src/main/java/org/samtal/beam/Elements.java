package org.samtal.beam;

import org.samtal.corpus.DuplicateIndex;
import org.samtal.intake.WorkItem;
import org.samtal.run.Arrivals;
import org.samtal.run.RecordingOutcome;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The elements of the build pipeline: small, serializable, their records inside as JSON ({@link Wire}). */
final class Elements {
    private Elements() {
    }

    /**
     * One unit of work: a recording, or a group of listed clips aligned together.
     *
     * @param order  its place in the intake's order, the order duplicates are decided in
     * @param listed a group of listed clips
     * @param items  its work items, as JSON
     * @param locations the shared location of each of its files delivered on shared storage, by the local path the
     *                  intake knew it by (empty for local inputs)
     * @param bytes  the size of its media files, what its work is reckoned by (0 for media on shared storage)
     */
    record Task(int order, boolean listed, List<String> items, Map<String, String> locations, long bytes, String label)
            implements Serializable {
        static Task of(int order, boolean listed, List<WorkItem> items) {
            return of(order, listed, items, Map.of());
        }

        /** The same task, called {@code label} in progress lines ({@link WorkItem#labels}). */
        Task labelled(String label) {
            return new Task(order, listed, items, locations, bytes, label);
        }

        /** @param shared every shared file's location by its local path: the task keeps those of its own files */
        static Task of(int order, boolean listed, List<WorkItem> items, Map<String, String> shared) {
            Map<String, String> own = new TreeMap<>();
            long bytes = 0;
            for (WorkItem w : items) {
                for (Path p : java.util.Arrays.asList(w.media(), w.transcript(), w.listed() == null ? null : w.listed().source())) {
                    if (p != null && shared.containsKey(p.toString())) own.put(p.toString(), shared.get(p.toString()));
                }
                try {
                    bytes += java.nio.file.Files.size(w.media());
                } catch (java.io.IOException e) {
                    // unreadable: the worker that takes it says so; it weighs nothing here
                }
            }
            return new Task(order, listed, items.stream().map(Wire::write).toList(), own, bytes,
                    items.get(0).media().getFileName().toString());
        }

        List<WorkItem> workItems() {
            return items.stream().map(j -> Wire.read(j, WorkItem.class)).toList();
        }
    }

    /**
     * What a unit of work brought back ({@link Arrivals.Arrival} as JSON).
     *
     * @param order       the task's order
     * @param listed      a group of listed clips
     * @param outcomes    its outcomes, as JSON
     * @param fingerprint its duplicate-index entry as JSON, or {@code null}
     */
    record Arrived(int order, boolean listed, List<String> outcomes, String fingerprint) implements Serializable {
        static Arrived of(int order, boolean listed, List<RecordingOutcome> outcomes, DuplicateIndex.Entry fingerprint) {
            return new Arrived(order, listed, outcomes.stream().map(Wire::write).toList(),
                    fingerprint == null ? null : Wire.write(fingerprint));
        }

        Arrivals.Arrival arrival() {
            return new Arrivals.Arrival(order, listed, outcomes.stream().map(j -> Wire.read(j, RecordingOutcome.class)).toList(),
                    fingerprint == null ? null : Wire.read(fingerprint, DuplicateIndex.Entry.class));
        }
    }

    /** The duplicate check's answer ({@link Arrivals.Resolved} as JSON). */
    record Resolution(String json) implements Serializable {
        Arrivals.Resolved resolved() {
            return Wire.read(json, Arrivals.Resolved.class);
        }
    }
}
