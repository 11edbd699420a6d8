package org.samtal.run;

import org.samtal.corpus.BuildOrigin;
import org.samtal.util.Version;
import org.samtal.corpus.Card;
import org.samtal.corpus.CorpusLock;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.Exporter;
import org.samtal.corpus.ManifestRow;
import org.samtal.intake.Intake;
import org.samtal.intake.IntakeResult;
import org.samtal.intake.WorkItem;
import org.samtal.media.Media;
import org.samtal.review.Corrections;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run stage's entry point: a whole build, from inputs to {@code manifest.jsonl} and
 * {@code build-report.json}. Each recording goes through a {@link RecordingPipeline} on its own; one broken file
 * never stops the others, and a rerun skips recordings already built with the same inputs and settings.
 */
public final class BuildJob {
    private final BuildSettings settings;
    private final Path out;
    private final Media media;
    private final Progress progress;
    private final List<String> formats;
    private final long shardBytes;
    private final boolean prune;
    private final Path table;
    private final Map<String, String> tableColumns;
    private final BuildRunner runner;
    /** The inputs listed from shared storage, or {@code null} when all are local. */
    private final org.samtal.storage.RemoteInputs shared;
    /** The corpus's location on shared storage, or {@code null} when it is the folder {@link #out}. */
    private final String sharedCorpus;

    public BuildJob(BuildSettings settings, Path out, Media media, Progress progress) {
        this(settings, out, media, progress, Exporter.DEFAULT_FORMATS, Exporter.DEFAULT_SHARD_BYTES);
    }

    /**
     * @param formats    corpus formats to write besides {@code manifest.jsonl} (see {@link Exporter#FORMATS})
     * @param shardBytes WebDataset shard size
     */
    public BuildJob(BuildSettings settings, Path out, Media media, Progress progress, List<String> formats, long shardBytes) {
        this(settings, out, media, progress, formats, shardBytes, false);
    }

    /**
     * @param prune remove the recordings of the corpus that are not among this build's inputs (without it a build
     *              only adds and updates: a corpus grows delivery by delivery)
     */
    public BuildJob(BuildSettings settings, Path out, Media media, Progress progress, List<String> formats, long shardBytes,
                    boolean prune) {
        this.prune = prune;
        this.settings = settings;
        this.out = out;
        this.media = media;
        this.progress = progress;
        this.formats = List.copyOf(formats);
        this.shardBytes = shardBytes;
        this.table = null;
        this.tableColumns = Map.of();
        this.runner = BuildRunner.INLINE;
        this.shared = null;
        this.sharedCorpus = null;
    }

    private BuildJob(BuildJob job, Path table, Map<String, String> tableColumns, BuildRunner runner,
                     org.samtal.storage.RemoteInputs shared, String sharedCorpus) {
        this.prune = job.prune;
        this.settings = job.settings;
        this.out = job.out;
        this.media = job.media;
        this.progress = job.progress;
        this.formats = job.formats;
        this.shardBytes = job.shardBytes;
        this.table = table;
        this.tableColumns = Map.copyOf(tableColumns);
        this.runner = runner;
        this.shared = shared;
        this.sharedCorpus = sharedCorpus;
    }

    /**
     * The same build with a table of transcripts named ({@code --table}) and the columns of tables whose header is
     * not recognised ({@code --table-columns}).
     */
    public BuildJob withTable(Path tableFile, Map<String, String> columns) {
        return new BuildJob(this, tableFile, columns, runner, shared, sharedCorpus);
    }

    /** The same build on another runner: one recording after another here, or the Beam pipeline ({@link BuildRunner}). */
    public BuildJob withRunner(BuildRunner r) {
        return new BuildJob(this, table, tableColumns, r, shared, sharedCorpus);
    }

    /**
     * The same build of inputs some of which were listed from shared storage: its workers fetch those files, and the
     * report names them by their shared locations.
     */
    public BuildJob withSharedInputs(org.samtal.storage.RemoteInputs inputs) {
        return new BuildJob(this, table, tableColumns, runner, inputs, sharedCorpus);
    }

    /**
     * The same build into a corpus on shared storage ({@code s3://bucket/corpus}) instead of the folder given: its
     * workers publish into it through Beam's FileSystems ({@link org.samtal.corpus.RemoteCorpus}), and its lock is
     * an object there.
     */
    public BuildJob withSharedCorpus(String location) {
        return new BuildJob(this, table, tableColumns, runner, shared, location);
    }

    /**
     * Runs the build.
     *
     * @param inputs     media files and folders
     * @param transcript transcript of the single recording in {@code inputs}, or {@code null}
     * @param force      rebuild recordings even when an identical build of them is complete
     * @throws IllegalArgumentException for unusable arguments (no recordings in the inputs, a misplaced --transcript)
     */
    public BuildReport run(List<Path> inputs, Path transcript, boolean force) {
        return run(inputs, transcript, force, null);
    }

    /**
     * @param track only the recordings delivered on this track ({@code open}, {@code private}, or
     *              {@code undeclared} for those without a submission), or {@code null} for all
     */
    public BuildReport run(List<Path> inputs, Path transcript, boolean force, String track) {
        return run(inputs, transcript, force, track, false);
    }

    /**
     * @param waitForLock when another samtal writes into the corpus, wait for it instead of failing with
     *                    {@link CorpusLock.Busy}
     */
    public BuildReport run(List<Path> inputs, Path transcript, boolean force, String track, boolean waitForLock) {
        String started = Instant.now().toString();
        long t0 = System.nanoTime();
        IntakeResult all = new Intake(table, tableColumns).leavingOut(out).scan(inputs, transcript);
        IntakeResult intake = track == null ? all : onTrack(all, track);
        if (intake.items().isEmpty()) {
            throw new IllegalArgumentException("no recordings found in " + inputs
                    + " (samtal looks for media files such as .wav, .mp3, .mp4, .ogg)");
        }
        if (runner.inline() && (sharedCorpus != null || shared != null && shared.anyRemote())) {
            // shared storage is reached by the pipeline's steps (fetch, stage, publish); the build one by one has none
            throw new IllegalArgumentException("--runner inline reads and writes local paths only; build with shared "
                    + "storage on --runner direct (the default) or a cluster runner");
        }
        if (sharedCorpus != null) return buildShared(intake, force, track, waitForLock, started, t0);
        if ("private".equals(track)) {
            // owner-only before the first byte: everything written under it inherits that (AtomicFiles)
            try {
                AtomicFiles.createOwnerOnly(out);
            } catch (IOException e) {
                throw new UncheckedIOException("making " + out + " readable by its owner only: " + e.getMessage(), e);
            }
        }
        // one writer at a time: a second build or export into this corpus would mix its files with ours
        try (CorpusLock lock = CorpusLock.acquire(out, "build", waitForLock, progress::warn)) {
            return build(intake, force, started, t0);
        }
    }

    private BuildReport build(IntakeResult intake, boolean force, String started, long t0) {
        CorpusWriter writer = new CorpusWriter(out, media, settings.clipFormat());
        List<BuildReport.IgnoredFile> ignored = start(intake, writer.removeLeftovers());
        if (!runner.inline()) {
            // the same stages as a Beam pipeline: recordings at once, then the global steps (beam.CorpusBuild)
            return pipeline(force).run(intake.items(), writer.recordings(), ignored, started, t0);
        }
        List<RecordingOutcome> outcomes = new ArrayList<>();
        // the recordings earlier builds put into the corpus stay (a corpus grows delivery by delivery), and copies
        // are looked for among them too; with --prune those not among this build's inputs go, so they count for neither
        Set<String> earlier = writer.recordings();
        Set<String> ids = new LinkedHashSet<>(prune ? Set.of() : earlier);
        Set<String> inputs = new LinkedHashSet<>();
        try (RecordingPipeline pipeline = new RecordingPipeline(settings, media, writer, runner.coresPerRecording(1))) {
            int i = 0;
            Map<Path, String> labels = WorkItem.labels(intake.items());
            for (WorkItem item : intake.items()) {
                if (item.listed() != null) continue; // a table's clips go in groups, below
                int index = ++i;
                String name = labels.get(item.media());
                RecordingOutcome o = pipeline.process(item, force, secs -> progress.decoding(index, name, secs),
                        java.util.Collections.unmodifiableSet(ids));
                outcomes.add(o);
                if (o.recordingId() != null) {
                    inputs.add(o.recordingId());
                    if (o.status().equals(RecordingOutcome.OK) || o.status().equals(RecordingOutcome.SKIPPED)) ids.add(o.recordingId());
                    else ids.remove(o.recordingId()); // delivered again and failed or a copy now: its earlier build goes
                }
                progress.finished(index, name, o);
                progress.remarks(name, o);
            }
            List<WorkItem> listed = intake.items().stream().filter(w -> w.listed() != null).toList();
            for (List<WorkItem> group : ClipGroup.groups(listed, settings.language())) {
                List<RecordingOutcome> done = pipeline.processClips(group, force);
                for (int k = 0; k < done.size(); k++) {
                    RecordingOutcome o = done.get(k);
                    int index = ++i;
                    outcomes.add(o);
                    if (o.recordingId() != null && (o.status().equals(RecordingOutcome.OK) || o.status().equals(RecordingOutcome.SKIPPED))) {
                        ids.add(o.recordingId());
                    }
                    progress.finished(index, o);
                    progress.remarks(group.get(k).media().getFileName().toString(), o);
                }
            }
        }
        return assemble(writer, ignored, new Arrivals.Resolved(outcomes, earlier, ids, inputs), started, t0);
    }

    /** A build into a corpus on shared storage: always the Beam pipeline, whose steps stage and publish its files. */
    private BuildReport buildShared(IntakeResult intake, boolean force, String track, boolean waitForLock, String started,
                                    long t0) {
        if ("private".equals(track)) {
            // rights cannot be set through Beam's FileSystems: confidential output is not written where they cannot be
            throw new IllegalArgumentException("the private track is not written to shared storage (" + sharedCorpus
                    + "): samtal cannot make it readable by its owner only there; write it to a local path or a mount");
        }
        org.samtal.corpus.RemoteCorpus corpus = org.samtal.corpus.RemoteCorpus.at(sharedCorpus);
        try (org.samtal.corpus.RemoteCorpus.Lock lock = corpus.lock("build", waitForLock, progress::warn)) {
            List<BuildReport.IgnoredFile> ignored = start(intake, corpus.removeLeftovers());
            return pipeline(force).withSharedCorpus(sharedCorpus).run(intake.items(), corpus.recordings(), ignored, started, t0);
        }
    }

    /**
     * What a build says before its recordings (the temporary files an interrupted one left, removed; how many there
     * are to build); returns the files the intake did not use, as the report names them.
     */
    private List<BuildReport.IgnoredFile> start(IntakeResult intake, long stale) {
        if (stale > 0) {
            progress.note(String.format(java.util.Locale.ROOT, "removed %.1f MB of temporary files an interrupted build left", stale / 1e6));
        }
        intake.notes().forEach(progress::note);
        progress.start(intake.items().size());
        return intake.ignored().stream()
                .map(g -> new BuildReport.IgnoredFile(named(g.file().toString()), named(g.reason()))).toList();
    }

    /** The build as a Beam pipeline: recordings at once, then the global steps. */
    private org.samtal.beam.CorpusBuild pipeline(boolean force) {
        return new org.samtal.beam.CorpusBuild(settings, out, formats, shardBytes, prune, force, progress.quiet(), runner)
                .withSharedInputs(shared == null ? Map.of() : shared.locations());
    }

    /** A path or message with the mirrors of shared inputs named by their shared locations. */
    private String named(String text) {
        return shared == null ? text : shared.named(text);
    }

    /**
     * Corpus assembly, the build's last global step: takes out what this build leaves out (copies, failed
     * re-deliveries, with {@code --prune} what was not delivered), applies the validators' decisions, and writes the
     * manifest, the list of rejected segments, the build report, the formats with their splits, the card and its
     * checksums.
     *
     * @param ignored  the files the intake did not use
     * @param resolved every recording's outcome, in order, and which recordings the corpus keeps
     * @param started  when the build started (ISO 8601)
     * @param t0       {@link System#nanoTime()} when it started, in this process
     */
    public BuildReport assemble(CorpusWriter writer, List<BuildReport.IgnoredFile> ignored, Arrivals.Resolved resolved,
                                String started, long t0) {
        long assemblyStart = System.nanoTime();
        List<RecordingOutcome> outcomes = resolved.outcomes();
        Set<String> earlier = resolved.earlier();
        Set<String> ids = resolved.kept();
        Set<String> inputs = resolved.inputs();
        Set<String> pruned = new java.util.TreeSet<>();
        if (prune) {
            for (String id : earlier) if (!inputs.contains(id)) pruned.add(id);
            for (String id : pruned) progress.note("--prune: removed " + id + " (not among this build's inputs)");
        }
        // rejected rows of the recordings built or kept, and of those failed because nothing of them was accepted
        // (they reached the filters: their outcome counts what each removed); read before their parts are removed
        Set<String> filtered = new LinkedHashSet<>(ids);
        for (RecordingOutcome o : outcomes) {
            if (o.status().equals(RecordingOutcome.FAILED) && o.recordingId() != null && !o.removed().isEmpty()) {
                filtered.add(o.recordingId());
            }
        }
        List<org.samtal.corpus.RejectedRow> rejected = writer.rejectedRows(filtered);
        Set<String> removed = new LinkedHashSet<>(pruned);
        for (String id : inputs) if (!ids.contains(id)) removed.add(id);
        writer.remove(removed);
        // earlier deliveries' recordings are cut from the files their done markers name
        Map<String, Path> sources = new java.util.HashMap<>(writer.sources());
        for (RecordingOutcome o : outcomes) if (o.recordingId() != null) sources.put(o.recordingId(), Path.of(o.input()));
        // validators' decisions from an earlier review of this corpus apply to every build of it
        Corrections.Applied review = new Corrections(media).apply(out, writer.assemble(ids), settings.text(),
                settings.audioStream(), sources);
        for (String w : review.warnings()) progress.warn("review: " + w);
        List<ManifestRow> rows = review.rows();
        writer.writeManifest(rows);
        writer.writeRejectedList(rejected);
        int ok = count(outcomes, RecordingOutcome.OK);
        int skipped = count(outcomes, RecordingOutcome.SKIPPED);
        int failed = count(outcomes, RecordingOutcome.FAILED);
        int duplicates = count(outcomes, RecordingOutcome.DUPLICATE);
        double segmentSeconds = rows.stream().mapToDouble(ManifestRow::duration).sum();
        double audioSeconds = outcomes.stream().mapToDouble(RecordingOutcome::audioSeconds).sum();
        BuildReport report = new BuildReport(Version.current(), started, Instant.now().toString(), settings.configHash(),
                settings, outcomes,
                ignored,
                List.copyOf(pruned), new BuildReport.Totals(ok, skipped, duplicates, failed,
                        outcomes.stream().mapToInt(o -> o.warnings().size()).sum(),
                        outcomes.stream().mapToInt(o -> o.notes().size()).sum(), rows.size(),
                        (int) rows.stream().map(ManifestRow::speaker).distinct().count(), round(segmentSeconds / 3600), round(audioSeconds / 3600),
                        round((System.nanoTime() - t0) / 1e9), null));
        // written before the formats, so a format that fails leaves the report of what was built
        writeReport(report);
        Exporter exporter = new Exporter(out, media, shardBytes, settings.audioStream());
        List<String> written = Exporter.withPresent(formats, out);
        List<String> kept = written.stream().filter(f -> !formats.contains(f)).toList();
        if (!kept.isEmpty()) {
            progress.note("also wrote " + String.join(", ", kept) + " again (the corpus has them from an earlier export; "
                    + "left as they were they would be out of date)");
        }
        Map<String, String> splits = exporter.export(rows, written, sources);
        for (String w : exporter.warnings()) progress.warn(w);
        long end = System.nanoTime();
        BuildReport ended = report.ended(Instant.now().toString(), round((end - t0) / 1e9), round((end - assemblyStart) / 1e9));
        writeReport(ended);
        new Card(out).write(rows, splits, Json.mapper().valueToTree(ended),
                review.reviewed() ? Json.mapper().valueToTree(review) : null);
        return ended;
    }

    private void writeReport(BuildReport report) {
        try {
            AtomicFiles.write(out.resolve(BuildOrigin.REPORT),
                    o -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(o, report));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the build report: " + e.getMessage(), e);
        }
    }

    /**
     * The recordings of one track, and only the ignored files of their own folders: a report of one track must
     * not even name the files of another.
     */
    private static IntakeResult onTrack(IntakeResult all, String track) {
        List<WorkItem> items = all.items().stream().filter(w -> track.equals(trackOf(w))).toList();
        Set<Path> folders = new LinkedHashSet<>();
        for (WorkItem w : items) folders.add(w.media().toAbsolutePath().getParent());
        List<IntakeResult.Ignored> ignored = all.ignored().stream()
                .filter(g -> folders.contains(g.file().toAbsolutePath().getParent())).toList();
        return new IntakeResult(items, ignored, all.notes());
    }

    /** Listed clips (a table's or a Kaldi folder's rows) in the groups a build aligns together, in order. */
    public static List<List<WorkItem>> clipGroups(List<WorkItem> listed, String language) {
        return ClipGroup.groups(listed, language);
    }

    /** The track a recording was delivered on: its submission's, or {@code undeclared}. */
    public static String trackOf(WorkItem w) {
        return w.delivery() == null || w.delivery().track() == null ? "undeclared" : w.delivery().track();
    }

    private static int count(List<RecordingOutcome> outcomes, String status) {
        return (int) outcomes.stream().filter(o -> o.status().equals(status)).count();
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
