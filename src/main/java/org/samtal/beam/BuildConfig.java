package org.samtal.beam;

import org.samtal.corpus.CorpusWriter;
import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.RecordingPipeline;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * What every step of the pipeline needs to know of the build, as it travels to the workers.
 *
 * @param settings   the build's settings, as JSON
 * @param out        the corpus folder (shared storage on a cluster: every worker writes its recordings into it)
 * @param formats    formats to write
 * @param shardBytes WebDataset shard size
 * @param prune      whether earlier recordings not among the inputs go
 * @param force      rebuild what an identical earlier build completed
 * @param quiet      no progress lines
 * @param total      units of work in the build (for the progress lines)
 * @param earlier    the corpus's recordings before this build, in its listing order
 * @param started    when the build started (ISO 8601)
 */
record BuildConfig(String settings, String out, List<String> formats, long shardBytes, boolean prune, boolean force,
                   boolean quiet, int total, List<String> earlier, String started) implements Serializable {
    BuildSettings buildSettings() {
        return Wire.read(settings, BuildSettings.class);
    }

    Path corpus() {
        return Path.of(out);
    }

    CorpusWriter writer(Media media) {
        return new CorpusWriter(corpus(), media, buildSettings().clipFormat());
    }

    /** A worker's own pipeline of a recording's stages, writing into the corpus (set up once per worker). */
    RecordingPipeline pipeline() {
        Media media = new Media();
        return pipeline(media, writer(media));
    }

    /** A worker's pipeline writing through the given writer (which the worker keeps, to publish what it wrote). */
    RecordingPipeline pipeline(Media media, CorpusWriter writer) {
        return new RecordingPipeline(buildSettings(), media, writer);
    }

    Progress progress() {
        return Progress.ofWorker(System.err, quiet, total);
    }

    BuildJob job(Media media) {
        return new BuildJob(buildSettings(), corpus(), media, progress(), formats, shardBytes, prune);
    }
}
