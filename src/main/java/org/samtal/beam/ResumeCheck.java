package org.samtal.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.samtal.run.RecordingOutcome;
import org.samtal.run.RecordingPipeline;

import java.util.List;

/**
 * The resume check: a recording whose identical build (same media, transcript, settings and language) is complete
 * in the corpus goes straight to the global steps as {@code skipped}; the others go on to be built. Groups of
 * listed clips check theirs while they are built. For a corpus on shared storage the check reads the recording's
 * done marker and clip listing there ({@link Staging#resumeState}).
 */
final class ResumeCheck extends DoFn<Elements.Task, Elements.Task> {
    static final TupleTag<Elements.Task> TO_BUILD = new TupleTag<>() {
    };
    static final TupleTag<Elements.Arrived> SKIPPED = new TupleTag<>() {
    };

    private final BuildConfig config;
    private transient Staging staging;
    private transient RecordingPipeline pipeline;

    ResumeCheck(BuildConfig config) {
        this.config = config;
    }

    @Setup
    public void setup() {
        staging = Staging.of(config);
        org.samtal.media.Media media = new org.samtal.media.Media();
        pipeline = config.pipeline(media, config.writer(media, staging.root()));
    }

    @ProcessElement
    public void check(@Element Elements.Task task, MultiOutputReceiver out) {
        RecordingOutcome skipped = null;
        org.samtal.intake.WorkItem item = task.workItems().get(0);
        // only what could have been built before is worth fetching and hashing (alreadyBuilt says no to the rest)
        if (!task.listed() && !config.force() && item.refused() == null && item.transcript() != null) {
            // a shared file is fetched to be hashed; the recording's build fetches it again, wherever it runs
            try (Fetched files = Fetched.of(task)) {
                staging.resumeState(files.items().get(0), config.force());
                skipped = pipeline.alreadyBuilt(files.items().get(0), config.force());
                if (skipped != null) skipped = files.named(skipped);
            } finally {
                staging.clear();
            }
        }
        if (skipped == null) {
            out.get(TO_BUILD).output(task);
        } else {
            config.progress().finished(task.order() + 1, skipped);
            out.get(SKIPPED).output(Elements.Arrived.of(task.order(), false, List.of(skipped), null));
        }
    }

    @Teardown
    public void teardown() {
        if (pipeline != null) pipeline.close();
        if (staging != null) staging.close();
    }
}
