package org.samtal.cli;

import java.util.List;
import org.samtal.corpus.CorpusStore;
import org.samtal.run.BuildReport;
import org.samtal.run.RecordingOutcome;

import java.io.PrintStream;
import java.nio.file.Path;

/** The few lines a person reads after a build. */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, BuildReport r, Path root) {
        CorpusStore store = CorpusStore.at(root);
        print(out, r, root.toString(), store, Path::toString, java.nio.file.Files.isRegularFile(store.cardMarkdown()));
    }

    /** The summary of a build into a corpus on shared storage, naming its files by their locations there. */
    static void print(PrintStream out, BuildReport r, String location) {
        org.samtal.corpus.RemoteCorpus corpus = org.samtal.corpus.RemoteCorpus.at(location);
        print(out, r, location, CorpusStore.at(Path.of("")), corpus::location, true);
    }

    /**
     * @param store a store whose paths {@code name} turns into what the user reads
     * @param card  whether the corpus has its card
     */
    private static void print(PrintStream out, BuildReport r, String root, CorpusStore store,
                              java.util.function.Function<Path, String> name, boolean card) {
        BuildReport.Totals t = r.totals();
        out.printf("samtal: %d recording%s built, %d skipped (unchanged), %d duplicate%s left out, %d failed%n", t.ok(),
                t.ok() == 1 ? "" : "s", t.skipped(), t.duplicates(), t.duplicates() == 1 ? "" : "s", t.failed());
        if (t.audioHours() > 0) {
            // the build's own total: progress lines of parallel workers each know only their worker's recordings
            double seconds = t.elapsedSeconds();
            String took = seconds < 120 ? String.format(java.util.Locale.ROOT, "%.1f s", seconds)
                    : String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
            out.printf(java.util.Locale.ROOT, "audio: %.2f h decoded, the build took %s%s%n", t.audioHours(), took,
                    seconds > 0 ? String.format(java.util.Locale.ROOT, " (%.1fx real time)", t.audioHours() * 3600 / seconds) : "");
        }
        out.printf("corpus: %d segments, %.1f minutes, %d speaker%s, in %s%n", t.segments(), t.segmentHours() * 60,
                t.speakers(), t.speakers() == 1 ? "" : "s", root);
        out.printf("  manifest: %s%n  clips:    %s%n  report:   %s%n", name.apply(store.manifest()), name.apply(store.clips()),
                name.apply(store.report()));
        if (card) out.printf("  card:     %s%n", name.apply(store.cardMarkdown()));
        // information is not counted as a problem: a build whose only lines are notes has no warnings
        if (t.warnings() + t.notes() > 0) {
            out.printf("  %d warning%s worth a look, %d note%s (per recording in the report, under warnings and notes)%n",
                    t.warnings(), t.warnings() == 1 ? "" : "s", t.notes(), t.notes() == 1 ? "" : "s");
        }
        // what --prune took out of the corpus is said here too, not only in the progress lines -q silences
        if (!r.pruned().isEmpty()) {
            out.printf("pruned: %d recording%s not among this build's inputs removed: %s%n", r.pruned().size(),
                    r.pruned().size() == 1 ? "" : "s", String.join(", ", r.pruned().stream().limit(10).toList())
                            + (r.pruned().size() > 10 ? ", ... (all in the report, under pruned)" : ""));
        }
        java.util.Map<String, double[]> removed = new java.util.LinkedHashMap<>();
        for (RecordingOutcome o : r.recordings()) {
            o.removed().forEach((rule, x) -> {
                double[] sum = removed.computeIfAbsent(rule, k -> new double[2]);
                sum[0] += x.segments();
                sum[1] += x.seconds();
            });
        }
        if (removed.values().stream().anyMatch(x -> x[0] > 0)) {
            StringBuilder sb = new StringBuilder("filters removed:");
            removed.forEach((rule, x) -> sb.append(String.format(" %s %d (%.1f s);", rule, (int) x[0], x[1])));
            out.println(sb.substring(0, sb.length() - 1) + " (per recording in the report; each segment, with its score, in "
                    + name.apply(store.rejected()) + ")");
        }
        for (BuildReport.IgnoredFile f : r.ignored()) {
            if (f.reason().equals(org.samtal.intake.Intake.NO_RECORDING)) {
                out.printf("  not used: %s: %s (put its recording beside it under the same name, or leave it out)%n",
                        f.file(), f.reason());
            }
        }
        // a table that could not be read, or rows of one: else its clips only say they have no transcript
        List<BuildReport.IgnoredFile> tables = r.ignored().stream()
                .filter(f -> org.samtal.intake.TranscriptTable.isTableFile(java.nio.file.Path.of(f.file()))).toList();
        tables.stream().limit(10).forEach(f -> out.printf("  table: %s: %s%n", f.file(), f.reason()));
        if (tables.size() > 10) out.printf("  table: %d more in the report%n", tables.size() - 10);
        for (RecordingOutcome o : r.recordings()) {
            if (o.status().equals(RecordingOutcome.FAILED)) out.printf("  failed: %s%n", o.message());
            if (o.status().equals(RecordingOutcome.DUPLICATE)) out.printf("  duplicate: %s%n", o.message());
        }
    }
}
