package org.samtal.beam;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.samtal.corpus.BuildOrigin;
import org.samtal.corpus.RemoteCorpus;
import org.samtal.storage.Storage;
import org.samtal.intake.WorkItem;
import org.samtal.run.BuildJob;
import org.samtal.run.BuildReport;
import org.samtal.run.BuildRunner;
import org.samtal.run.BuildSettings;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A build as one Beam pipeline:
 * <pre>
 *   Intake ─ ResumeCheck ─┬─ BuildRecording ─┬─ Duplicates ─ AssembleCorpus
 *                         └──── skipped ─────┘
 * </pre>
 * run in this process by Beam's DirectRunner ({@code --runner direct}, {@code --workers} recordings at once) or on a
 * cluster by Flink or Spark. Every worker writes its recordings' clips and parts into the corpus folder, atomically
 * as before, so the folder must be one they all reach (a shared mount), or, for a corpus on shared storage
 * ({@link #withSharedCorpus}), into a staging folder of its own whose files it publishes there; an interrupted build
 * resumes where it stopped. The caller holds the corpus lock ({@link BuildJob}).
 */
public final class CorpusBuild {
    private final BuildSettings settings;
    private final Path out;
    private final List<String> formats;
    private final long shardBytes;
    private final boolean prune;
    private final boolean force;
    private final boolean quiet;
    private final BuildRunner runner;
    /** Shared storage's location of each input file listed from it, by the local path the intake knew it by. */
    private final Map<String, String> sharedInputs;
    /** The corpus's location on shared storage, or {@code null} when it is the folder {@link #out}. */
    private final String sharedCorpus;

    public CorpusBuild(BuildSettings settings, Path out, List<String> formats, long shardBytes, boolean prune,
                       boolean force, boolean quiet, BuildRunner runner) {
        this(settings, out, formats, shardBytes, prune, force, quiet, runner, Map.of(), null);
    }

    private CorpusBuild(BuildSettings settings, Path out, List<String> formats, long shardBytes, boolean prune,
                        boolean force, boolean quiet, BuildRunner runner, Map<String, String> sharedInputs,
                        String sharedCorpus) {
        this.sharedInputs = Map.copyOf(sharedInputs);
        this.sharedCorpus = sharedCorpus;
        this.settings = settings;
        this.out = out;
        this.formats = List.copyOf(formats);
        this.shardBytes = shardBytes;
        this.prune = prune;
        this.force = force;
        this.quiet = quiet;
        this.runner = runner;
    }

    /**
     * The build of inputs listed from shared storage ({@link org.samtal.storage.RemoteInputs#locations}): each
     * worker fetches its recording's media and transcript before decoding them.
     */
    public CorpusBuild withSharedInputs(Map<String, String> locations) {
        return new CorpusBuild(settings, out, formats, shardBytes, prune, force, quiet, runner, locations, sharedCorpus);
    }

    /**
     * The build of a corpus on shared storage ({@code s3://bucket/corpus}): each worker builds a recording into a
     * local staging folder and publishes its files; the assembly works on a local copy and publishes what changed.
     */
    public CorpusBuild withSharedCorpus(String location) {
        return new CorpusBuild(settings, out, formats, shardBytes, prune, force, quiet, runner, sharedInputs, location);
    }

    /**
     * Builds the work items into the corpus and returns the build report the pipeline wrote.
     *
     * @param items   the intake's work items, in its order
     * @param earlier the corpus's recordings before this build
     * @param ignored the files the intake did not use
     * @param started when the build started (ISO 8601)
     * @param t0      {@link System#nanoTime()} then
     */
    public BuildReport run(List<WorkItem> items, Set<String> earlier, List<BuildReport.IgnoredFile> ignored,
                           String started, long t0) {
        List<Elements.Task> tasks = tasks(items);
        BuildConfig config = new BuildConfig(Wire.write(settings), sharedCorpus != null ? sharedCorpus
                : out.toAbsolutePath().toString(), formats, shardBytes,
                prune, force, quiet, tasks.size(), List.copyOf(earlier), started, runner.coresPerRecording(tasks.size()));
        Pipeline p = Pipeline.create(options());
        PCollectionTuple checked = p
                .apply("Intake", Read.from(new WorkSource(tasks)))
                .apply("ResumeCheck", ParDo.of(new ResumeCheck(config))
                        .withOutputTags(ResumeCheck.TO_BUILD, TupleTagList.of(ResumeCheck.SKIPPED)));
        PCollection<Elements.Arrived> built = checked.get(ResumeCheck.TO_BUILD)
                .setCoder(SerializableCoder.of(Elements.Task.class))
                .apply("BuildRecording", ParDo.of(new BuildRecording(config)))
                .setCoder(SerializableCoder.of(Elements.Arrived.class));
        PCollection<Elements.Arrived> skipped = checked.get(ResumeCheck.SKIPPED)
                .setCoder(SerializableCoder.of(Elements.Arrived.class));
        PCollectionList.of(skipped).and(built)
                .apply("All", Flatten.pCollections())
                .apply("Duplicates", new Duplicates(config))
                .apply("AssembleCorpus", ParDo.of(new AssembleCorpus(config, ignored.stream().map(Wire::write).toList())));
        try {
            p.run().waitUntilFinish();
        } catch (RuntimeException e) {
            throw rethrown(e);
        }
        try {
            if (sharedCorpus != null) {
                return Json.mapper().readValue(Storage.read(RemoteCorpus.at(sharedCorpus).location(Path.of(BuildOrigin.REPORT))),
                        BuildReport.class);
            }
            return Json.mapper().readValue(out.resolve(BuildOrigin.REPORT).toFile(), BuildReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the build report the pipeline wrote into "
                    + (sharedCorpus != null ? sharedCorpus : out) + ": " + e.getMessage(), e);
        }
    }

    /** Recordings first, then groups of listed clips, numbered in that order (the order a build one by one takes). */
    List<Elements.Task> tasks(List<WorkItem> given) {
        // a cluster's workers run in folders of their own (Spark's executors in work/app-.../N): a path relative to
        // where samtal build was started would name nothing there
        List<WorkItem> items = runner.name().equals("direct") ? given : given.stream().map(CorpusBuild::absolute).toList();
        List<Elements.Task> tasks = new ArrayList<>();
        Map<Path, String> labels = WorkItem.labels(given);
        for (int i = 0; i < items.size(); i++) {
            WorkItem w = items.get(i);
            if (w.listed() == null) tasks.add(Elements.Task.of(tasks.size(), false, List.of(w), sharedInputs).labelled(labels.get(given.get(i).media())));
        }
        List<WorkItem> listed = items.stream().filter(w -> w.listed() != null).toList();
        for (List<WorkItem> group : BuildJob.clipGroups(listed, settings.language())) {
            tasks.add(Elements.Task.of(tasks.size(), true, group, sharedInputs));
        }
        return tasks;
    }

    /** The item with its files named from the root of the file system. */
    static WorkItem absolute(WorkItem w) {
        WorkItem.Listed l = w.listed();
        WorkItem.Listed listed = l == null ? null : new WorkItem.Listed(absolute(l.source()), l.shape(), l.columns(),
                l.id(), l.text(), l.speaker(), l.gender(), l.age(), l.dialect(), l.language(), l.from(), l.to());
        return new WorkItem(absolute(w.media()), absolute(w.transcript()), w.delivery(), w.refused(), listed);
    }

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath();
    }

    /** The runner's options: samtal's choice of runner and parallelism, then the user's own. */
    PipelineOptions options() {
        List<String> args = new ArrayList<>();
        switch (runner.name()) {
            case "direct" -> {
                args.add("--runner=DirectRunner");
                args.add("--targetParallelism=" + runner.workers());
            }
            case "flink" -> {
                args.add("--runner=FlinkRunner");
                if (runner.options().stream().noneMatch(o -> o.startsWith("--parallelism="))) {
                    args.add("--parallelism=" + runner.workers());
                }
            }
            case "spark" -> {
                args.add("--runner=SparkRunner");
                // Spark in this process unless told where the cluster is; under spark-submit its master wins anyway
                if (runner.options().stream().noneMatch(o -> o.startsWith("--sparkMaster="))) {
                    args.add("--sparkMaster=local[" + runner.workers() + "]");
                }
            }
            default -> throw new IllegalArgumentException("runner " + runner.name() + " is not a Beam runner");
        }
        // the source read as a source, its splits handed out on demand (Beam otherwise reads it through a
        // splittable DoFn behind a Reshuffle, which spreads the splits by a hash of their key: see WorkSource)
        args.add("--experiments=use_deprecated_read");
        args.add("--jobName=samtal-build");
        args.addAll(runner.options());
        try {
            return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("Unknown 'runner'")) {
                String jar = runner.name().equals("spark") ? "samtal-spark.jar (mvn package -Pspark)"
                        : "samtal-cluster.jar (mvn package -Pcluster)";
                throw new IllegalArgumentException("--runner " + runner.name() + ": its Beam runner is not in this jar; "
                        + "build " + jar + " and submit that (README, \"Building on a cluster\")", e);
            }
            throw new IllegalArgumentException("--beam-option: " + e.getMessage(), e);
        }
    }

    /** What stopped the pipeline, as the build one by one would have thrown it (a full disk, a bad argument). */
    private static RuntimeException rethrown(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException u) return u;
            if (t instanceof IllegalArgumentException a) return a;
        }
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return new IllegalStateException("the build pipeline failed: " + root, e);
    }
}
