package org.samtal.beam;

import org.apache.beam.sdk.transforms.DoFn;
import org.samtal.corpus.CorpusWriter;
import org.samtal.intake.WorkItem;
import org.samtal.media.Media;
import org.samtal.run.Progress;
import org.samtal.run.RecordingOutcome;
import org.samtal.run.RecordingPipeline;

import java.util.List;

/**
 * One recording's stages as one fused step (decode, detect speech, read, align, screen, cut, write its clips and
 * rows), so its decoded audio never leaves the worker that decoded it; or a group of listed clips, aligned together.
 * The engines (espeak-ng, Vosk models, Lingua's detectors, the aligners) are set up once per worker, in
 * {@link #setup()}, and serve every recording it builds.
 */
final class BuildRecording extends DoFn<Elements.Task, Elements.Arrived> {
    private final BuildConfig config;
    private transient Staging staging;
    private transient CorpusWriter writer;
    private transient RecordingPipeline pipeline;
    private transient Progress progress;

    BuildRecording(BuildConfig config) {
        this.config = config;
    }

    @Setup
    public void setup() {
        Media media = new Media();
        staging = Staging.of(config);
        writer = config.writer(media, staging.root());
        pipeline = config.pipeline(media, writer);
        progress = config.progress();
    }

    @ProcessElement
    public void build(@Element Elements.Task task, OutputReceiver<Elements.Arrived> out) {
        try (Fetched files = Fetched.of(task)) {
            Elements.Arrived arrived = build(task, files);
            // on shared storage the recording is in the corpus once published, its done marker last
            staging.publish();
            out.output(arrived);
        } finally {
            staging.clear();
        }
    }

    private Elements.Arrived build(Elements.Task task, Fetched files) {
        List<WorkItem> items = files.items();
        int index = task.order() + 1;
        if (task.listed()) {
            List<RecordingOutcome> done = new java.util.ArrayList<>();
            for (RecordingOutcome o : pipeline.processClips(items, config.force())) {
                files.nameSource(writer, o);
                done.add(files.named(o));
            }
            for (int k = 0; k < done.size(); k++) report(index, items.get(k), done.get(k));
            return Elements.Arrived.of(task.order(), true, done, null);
        }
        WorkItem item = items.get(0);
        String name = task.label();
        // copies among the recordings built at once are found by the global step (Duplicates), in a stable order
        RecordingPipeline.Built built = pipeline.build(item, config.force(), secs -> progress.decoding(index, name, secs),
                List.of());
        files.nameSource(writer, built.outcome());
        RecordingOutcome outcome = files.named(built.outcome());
        progress.finished(index, name, outcome);
        progress.remarks(name, outcome);
        return Elements.Arrived.of(task.order(), false, List.of(outcome), built.fingerprint());
    }

    private void report(int index, WorkItem item, RecordingOutcome o) {
        progress.finished(index, o);
        progress.remarks(item.media().getFileName().toString(), o);
    }

    @Teardown
    public void teardown() {
        if (pipeline != null) pipeline.close();
        if (staging != null) staging.close();
    }
}
