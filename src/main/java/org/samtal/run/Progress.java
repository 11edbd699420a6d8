package org.samtal.run;

import java.io.PrintStream;

/**
 * Tells a person at the terminal how a long build is going: which file, how far into it, and the overall rate.
 * Writes to standard error so standard output stays clean for data.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean quiet;
    /**
     * A worker's sees only the recordings its worker builds (Beam gives each worker thread, or process on a cluster,
     * its own), so it says each recording's own rate and no running total: the build's summary gives the total.
     */
    private final boolean worker;
    private final long startNanos = System.nanoTime();
    private int total;
    private double audioSeconds;

    public Progress(PrintStream out, boolean quiet) {
        this(out, quiet, false);
    }

    private Progress(PrintStream out, boolean quiet, boolean worker) {
        this.out = out;
        this.quiet = quiet;
        this.worker = worker;
    }

    /** Whether it says nothing. */
    public boolean quiet() {
        return quiet;
    }

    /** Where a worker reports the recordings it finishes: {@code recordings} in all, announced elsewhere. */
    public static Progress ofWorker(PrintStream out, boolean quiet, int recordings) {
        Progress p = new Progress(out, quiet, true);
        p.total = recordings;
        return p;
    }

    void start(int recordings) {
        total = recordings;
        say("samtal: %d recording%s to process", recordings, recordings == 1 ? "" : "s");
    }

    private long lastDecodingLine;

    /** Long files report their decoding now and then; at most one line every 30 seconds. */
    public void decoding(int index, String name, double seconds) {
        if (seconds < 300) return; // short files need no news before they are done
        long now = System.nanoTime();
        if (lastDecodingLine != 0 && now - lastDecodingLine < 30_000_000_000L) return;
        lastDecodingLine = now;
        say("  [%d/%d] %s: decoded %.1f min so far", index, total, name, seconds / 60);
    }

    public void finished(int index, RecordingOutcome o) {
        finished(index, java.nio.file.Path.of(o.input()).getFileName().toString(), o);
    }

    /** @param name what to call the recording ({@link org.samtal.intake.WorkItem#labels}) */
    public void finished(int index, String name, RecordingOutcome o) {
        audioSeconds += o.audioSeconds();
        double elapsed = worker ? o.elapsedSeconds() : (System.nanoTime() - startNanos) / 1e9;
        double factor = elapsed > 0 ? (worker ? o.audioSeconds() : audioSeconds) / elapsed : 0;
        String scope = worker ? "" : " overall";
        // a short clip built in a fraction of real time would read "0x": say it as it is
        String rate = factor >= 1 ? String.format(java.util.Locale.ROOT, ", %.0fx real time%s", factor, scope)
                : factor > 0 ? String.format(java.util.Locale.ROOT, ", %.2fx real time%s", factor, scope) : "";
        String soFar = worker ? "" : String.format(java.util.Locale.ROOT, ", %.2f h audio so far", audioSeconds / 3600);
        // one by one the recordings finish in the intake's order, so its number counts them; workers take the largest
        // first and finish in any order, so there it is the recording's number, said as such
        String which = worker ? String.format(java.util.Locale.ROOT, "[recording %d of %d]", index, total)
                : String.format(java.util.Locale.ROOT, "[%d/%d]", index, total);
        switch (o.status()) {
            case RecordingOutcome.FAILED -> say("  %s FAILED %s", which, o.message());
            case RecordingOutcome.SKIPPED -> say("  %s %s: already built, skipped", which, name);
            case RecordingOutcome.DUPLICATE -> say("  %s DUPLICATE %s", which, o.message());
            default -> say("  %s %s: %d segment%s, %.1f of %.1f min kept (%s aligner)%s%s", which,
                    name, o.segments(), o.segments() == 1 ? "" : "s", o.segmentSeconds() / 60, o.audioSeconds() / 60, o.aligner(), rate,
                    soFar);
        }
    }

    /** Something worth a look: a problem that did not stop the build. */
    public void warn(String message) {
        say("  warning: %s", message);
    }

    /** Information, not a problem: what samtal did as asked, or chose (--prune's removals, the engine that placed what). */
    public void note(String message) {
        say("  note: %s", message);
    }

    /** A recording's notes, then its warnings, each line named by the recording's file. */
    public void remarks(String name, RecordingOutcome o) {
        for (String line : o.notes()) note(name + ": " + line);
        for (String line : o.warnings()) warn(name + ": " + line);
    }

    private void say(String fmt, Object... args) {
        if (!quiet) out.println(String.format(fmt, args));
    }
}
