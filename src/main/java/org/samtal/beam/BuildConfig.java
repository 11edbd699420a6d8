package org.samtal.beam;

import org.samtal.corpus.CorpusWriter;
import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.RecordingPipeline;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;
import org.samtal.storage.Storage;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * What every step of the pipeline needs to know of the build, as it travels to the workers.
 *
 * @param settings   the build's settings, as JSON
 * @param out        the corpus: a folder (a shared mount on a cluster), or a location on shared storage
 *                   ({@code s3://...}, written through Beam's FileSystems from each step's staging folder)
 * @param formats    formats to write
 * @param shardBytes WebDataset shard size
 * @param prune      whether earlier recordings not among the inputs go
 * @param force      rebuild what an identical earlier build completed
 * @param quiet      no progress lines
 * @param total      units of work in the build (for the progress lines)
 * @param earlier    the corpus's recordings before this build, in its listing order
 * @param started    when the build started (ISO 8601)
 * @param cores      the cores each recording may use on its worker ({@link org.samtal.run.BuildRunner#coresPerRecording})
 */
record BuildConfig(String settings, String out, List<String> formats, long shardBytes, boolean prune, boolean force,
                   boolean quiet, int total, List<String> earlier, String started, int cores) implements Serializable {
    BuildSettings buildSettings() {
        return Wire.read(settings, BuildSettings.class);
    }

    Path corpus() {
        return Path.of(out);
    }

    /** Whether the corpus is on shared storage ({@code s3://...}): the steps stage it locally and publish it. */
    boolean shared() {
        return Storage.isRemote(out);
    }

    /** A writer into a local folder of the corpus's layout: the corpus itself, or a step's staging folder. */
    CorpusWriter writer(Media media, Path root) {
        return new CorpusWriter(root, media, buildSettings().clipFormat());
    }

    /**
     * A worker's own pipeline of a recording's stages (set up once per worker), writing through the given writer:
     * into the corpus, or into the worker's staging folder, which it publishes.
     */
    RecordingPipeline pipeline(Media media, CorpusWriter writer) {
        return new RecordingPipeline(buildSettings(), media, writer, cores);
    }

    Progress progress() {
        return Progress.ofWorker(System.err, quiet, total);
    }

    /** The assembly of the corpus in a local folder of its layout: the corpus itself, or a staging folder. */
    BuildJob job(Media media, Path root) {
        return new BuildJob(buildSettings(), root, media, progress(), formats, shardBytes, prune);
    }
}
