package org.samtal.cli;

import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.BuildReport;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true, description = {
        "Build a corpus from recordings and their transcripts.",
        "A recording pairs with the transcript of the same file stem (talk1.mp4 + talk1.txt).",
        "Writes OUT/manifest.jsonl, OUT/clips/ and OUT/build-report.json; exits 1 when any input failed."})
final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "media files and folders (scanned recursively); "
            + "a folder on shared storage as SCHEME://... (hdfs, s3, gs: README, \"Building on a cluster\")")
    List<String> inputs;

    @Option(names = "--lang", description = "BCP 47 language tag of the recordings, e.g. is, en-US (default: the "
            + "submission's); a language without a region (en, es, pt, fr) lets the synthetic aligner choose among "
            + "espeak-ng's regional voices by how well each places a sample (the report says which), a region fixes it")
    String lang;

    @Option(names = "--out", required = true, description = "output folder of the corpus, or its location on shared "
            + "storage as SCHEME://... (README, \"Building on a cluster\")")
    String out;

    @Option(names = "--transcript", description = "transcript of the (single) recording among the inputs")
    Path transcript;

    @Mixin
    TableOptions tables;

    @Mixin
    WriterOptions writing;

    @Mixin
    SettingsOptions shaping;

    @Option(names = "--force", description = "rebuild recordings that an earlier identical build completed")
    boolean force;

    @Option(names = "--prune", description = "remove the corpus's recordings that are not among this build's inputs "
            + "(without it a build adds and updates, and keeps what earlier builds put into the corpus)")
    boolean prune;

    @Option(names = "--runner", defaultValue = "direct", description = "where the recordings are built: direct (this "
            + "process, --workers at once), inline (one after another, no Beam), flink or spark (the same pipeline on a "
            + "cluster, from samtal-cluster.jar or samtal-spark.jar) (default: ${DEFAULT-VALUE})")
    String runner;

    @Option(names = "--workers", description = "recordings built at once in this process (default: the number of cores)")
    Integer workers;

    @Option(names = "--recording-cores", description = "cores each recording may use (default: this machine's cores "
            + "shared among the recordings built at once; 1 on a cluster, a recording per task slot)")
    Integer recordingCores;

    @Option(names = "--beam-option", description = "a Beam pipeline option for the runner, as --name=value, e.g. "
            + "--beam-option=--flinkMaster=host:8081 (repeatable)")
    List<String> beamOptions = new java.util.ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        try {
            // file:///data/in is the local path /data/in
            out = org.samtal.storage.Storage.plain(out);
            inputs = inputs.stream().map(org.samtal.storage.Storage::plain).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean sharedOut = org.samtal.storage.Storage.isRemote(out);
        if (sharedOut || inputs.stream().anyMatch(org.samtal.storage.Storage::isRemote)) {
            // shared storage is reached with the build's Beam options (credentials, region), as its workers reach it
            org.samtal.storage.Storage.setUp(org.apache.beam.sdk.options.PipelineOptionsFactory
                    .fromArgs(beamOptions.toArray(String[]::new)).withoutStrictParsing().create());
        }
        org.samtal.storage.RemoteInputs delivered;
        try {
            if (sharedOut) org.samtal.storage.Storage.requireServed(out);
            delivered = org.samtal.storage.RemoteInputs.stage(inputs);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (delivered) {
            return build(delivered);
        }
    }

    private Integer build(org.samtal.storage.RemoteInputs delivered) throws java.io.IOException {
        List<Path> inputs = delivered.paths();
        boolean sharedOut = org.samtal.storage.Storage.isRemote(out);
        java.util.Set<String> tracks = new java.util.TreeSet<>();
        java.util.Map<String, Integer> languages = new java.util.TreeMap<>();
        boolean undeclaredLanguage = false;
        java.util.Map<String, String> columns;
        List<Path> missing = inputs.stream().filter(p -> !java.nio.file.Files.exists(p)).toList();
        if (missing.size() == inputs.size()) {
            // nothing to build: say so before a corpus folder is made or written into
            throw new CommandLine.ParameterException(spec.commandLine(), (missing.size() == 1 ? "no such file or folder: "
                    : "none of the inputs exists: ") + missing.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + "; check the path");
        }
        if (!sharedOut) {
            refuseOutAsInput(inputs);
            String unwritable = OutFolder.problem(Path.of(out));
            if (unwritable != null) throw new CommandLine.ParameterException(spec.commandLine(), unwritable);
        }
        try {
            columns = tables.columns();
            for (var w : new org.samtal.intake.Intake(tables.table(), columns).leavingOut(Path.of(out)).scan(inputs, transcript).items()) {
                tracks.add(BuildJob.trackOf(w));
                if (w.delivery() != null && w.delivery().language() != null) languages.merge(w.delivery().language(), 1, Integer::sum);
                else if (w.listed() != null && w.listed().language() != null) languages.merge(w.listed().language(), 1, Integer::sum);
                else undeclaredLanguage = true;
            }
            if (lang == null) {
                // recordings with a submission carry their own language; the others need --lang
                if (languages.isEmpty() || undeclaredLanguage) {
                    throw new IllegalArgumentException("--lang is required (" + (languages.isEmpty()
                            ? "no submission.json gives a language)" : "some recordings have no submission.json)"));
                }
                lang = languages.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            }
            org.samtal.corpus.Exporter.requireKnown(formats());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), delivered.named(e.getMessage()));
        }
        BuildSettings settings = shaping.settings(lang);
        boolean declared = !tracks.isEmpty() && !tracks.equals(java.util.Set.of("undeclared"));
        boolean anyFailed = false;
        // open and private deliveries never share an output root
        for (String track : declared ? tracks : java.util.Set.of("undeclared")) {
            String root = declared ? org.samtal.storage.Storage.child(out, track) : out;
            BuildReport report;
            try {
                // a corpus on shared storage has no local folder: its steps stage and publish it
                BuildJob job = new BuildJob(settings, sharedOut ? null : Path.of(root), new Media(), new Progress(System.err, quiet),
                        formats(), writing.shardSize, prune).withTable(tables.table(), columns).withRunner(buildRunner())
                        .withSharedInputs(delivered);
                report = (sharedOut ? job.withSharedCorpus(root) : job).run(inputs, transcript, force, declared ? track : null, writing.waitForLock);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), delivered.named(e.getMessage()));
            }
            if (declared) System.out.println("track " + track + ":");
            if (sharedOut) Summary.print(System.out, report, root);
            else Summary.print(System.out, report, Path.of(root));
            anyFailed |= report.anyFailed();
        }
        return anyFailed ? 1 : 0;
    }

    /** A corpus written into the folder it is built from would be read back in as recordings by the next build. */
    private void refuseOutAsInput(List<Path> inputs) {
        Path corpus = same(Path.of(out));
        for (Path input : inputs) {
            if (java.nio.file.Files.isDirectory(input) && same(input).equals(corpus)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is the input folder "
                        + input + ": the corpus would be mixed with the recordings it is built from; write it to a folder "
                        + "of its own, e.g. --out " + corpus.resolve("corpus"));
            }
        }
    }

    /** A path as the file system resolves it (links followed where it exists), to tell whether two name one folder. */
    private static Path same(Path p) {
        try {
            return java.nio.file.Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The corpus formats to write: those named (--formats or --format), else the default ones. */
    List<String> formats() {
        return writing.formats(org.samtal.corpus.Exporter.DEFAULT_FORMATS);
    }

    private org.samtal.run.BuildRunner buildRunner() {
        try {
            if (workers != null && runner.equalsIgnoreCase("inline") && !quiet) {
                System.err.println("  note: --workers " + workers + " has no effect with --runner inline, which builds one "
                        + "recording at a time (--recording-cores sets the cores it may use)");
            }
            if (recordingCores != null && recordingCores < 1) {
                throw new IllegalArgumentException("--recording-cores must be at least 1, not " + recordingCores);
            }
            return new org.samtal.run.BuildRunner(runner, workers == null ? Runtime.getRuntime().availableProcessors() : workers,
                    beamOptions, recordingCores == null ? 0 : recordingCores);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

}
