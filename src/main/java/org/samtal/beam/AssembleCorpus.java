package org.samtal.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.samtal.media.Media;
import org.samtal.run.Arrivals;
import org.samtal.run.BuildReport;
import org.samtal.run.Progress;
import org.samtal.run.RecordingOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Corpus assembly, the last global step, on one worker: manifest, rejected list, build report, formats and their
 * splits, card and checksums ({@link org.samtal.run.BuildJob#assemble}). The driver reads the build report it
 * writes. A corpus on shared storage is assembled in a local copy of it (the formats it rewrites left out), and what
 * the assembly changed is published, the checksums last.
 */
final class AssembleCorpus extends DoFn<Elements.Resolution, Void> {
    private final BuildConfig config;
    private final List<String> ignored;

    /** @param ignored the files the intake did not use, as JSON */
    AssembleCorpus(BuildConfig config, List<String> ignored) {
        this.config = config;
        this.ignored = List.copyOf(ignored);
    }

    @ProcessElement
    public void assemble(@Element Elements.Resolution resolution) {
        Arrivals.Resolved resolved = resolution.resolved();
        Progress progress = config.progress();
        // what the duplicate check found, which the workers could not say when they finished
        for (RecordingOutcome o : resolved.outcomes()) {
            if (o.status().equals(RecordingOutcome.DUPLICATE)) progress.warn(o.message());
            for (String n : o.notes()) {
                if (n.endsWith(RecordingOutcome.KEPT_COPY)) progress.note(java.nio.file.Path.of(o.input()).getFileName() + ": " + n);
            }
        }
        Media media = new Media();
        // the build's elapsed time counts from the driver's start, whatever clock this worker's process keeps
        long elapsed = Duration.between(Instant.parse(config.started()), Instant.now()).toNanos();
        try (Staging staging = Staging.of(config)) {
            // a corpus on shared storage is assembled in a local copy, then what changed is published
            var fetched = staging.remote() == null ? null : staging.remote().mirror(staging.root(), config.formats());
            config.job(media, staging.root()).assemble(config.writer(media, staging.root()),
                    ignored.stream().map(j -> Wire.read(j, BuildReport.IgnoredFile.class)).toList(), resolved,
                    config.started(), System.nanoTime() - elapsed);
            if (staging.remote() != null) staging.remote().sync(staging.root(), fetched);
        }
    }
}
