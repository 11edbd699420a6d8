package org.samtal.cli;

import org.samtal.run.BuildReport;
import org.samtal.run.RecordingOutcome;

import java.io.PrintStream;
import java.nio.file.Path;

/** The few lines a person reads after a build. */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, BuildReport r, Path root) {
        BuildReport.Totals t = r.totals();
        out.printf("samtal: %d recording%s built, %d skipped (unchanged), %d failed%n", t.ok(), t.ok() == 1 ? "" : "s",
                t.skipped(), t.failed());
        out.printf("corpus: %d segments, %.1f minutes, %d speaker%s, in %s%n", t.segments(), t.segmentHours() * 60,
                t.speakers(), t.speakers() == 1 ? "" : "s", root);
        out.printf("  manifest: %s%n  clips:    %s%n  report:   %s%n", root.resolve("manifest.jsonl"), root.resolve("clips"),
                root.resolve("build-report.json"));
        for (RecordingOutcome o : r.recordings()) {
            if (o.status().equals(RecordingOutcome.FAILED)) out.printf("  failed: %s%n", o.message());
        }
    }
}
