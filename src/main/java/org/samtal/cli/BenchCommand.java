package org.samtal.cli;

import org.samtal.bench.HeapSampler;
import org.samtal.corpus.CorpusStore;
import org.samtal.eval.EvalReport;
import org.samtal.eval.Evaluation;
import org.samtal.media.AudioEncoder;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.speech.DetectorSettings;
import org.samtal.speech.SpeechDetector;
import org.samtal.speech.SpeechMap;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.BuildReport;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;
import org.samtal.run.RecordingOutcome;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.JoinedClips;
import org.samtal.synth.TranscriptFiles;
import org.samtal.text.LanguageTags;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {"Build a generated recording of the given length and report, per stage, wall "
        + "time and real-time factor, plus peak heap, peak RSS and accuracy against the truth.",
        "With --from-table, measure on real speech instead: the recorded clips a table lists, joined into one recording.",
        "Run it with the heap you want to prove, e.g. JAVA_OPTS=-Xmx1g ./samtal bench --hours 10."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--hours", defaultValue = "1", description = "length of the generated recording (default: ${DEFAULT-VALUE})")
    double hours;

    @Option(names = "--format", defaultValue = "mp3", description = "format of the generated recording (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--snr", defaultValue = "20", description = "noise in the generated recording, dB SNR (default: ${DEFAULT-VALUE})")
    double snr;

    @Option(names = "--aligner", defaultValue = "auto", description = "aligner to measure (default: ${DEFAULT-VALUE})")
    String aligner;

    @Option(names = "--work", defaultValue = "target/bench", description = "folder for generated inputs and the corpus (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Option(names = "--decode-only", description = "measure decoding and speech detection only (to prove their memory "
            + "bound with a small heap, e.g. JAVA_OPTS=-Xmx256m)")
    boolean decodeOnly;

    @Option(names = "--vs-aeneas", description = "also align the same input with aeneas (pip install aeneas-ng; on "
            + "Debian it builds with python3-dev, libespeak-ng-dev, festival-dev and libestools-dev, and needs ffmpeg) and "
            + "report its time, CPU time, memory and accuracy on the same truth")
    boolean vsAeneas;

    @Option(names = "--aeneas-python", defaultValue = "python3", description = "the Python that has aeneas installed (default: ${DEFAULT-VALUE})")
    String aeneasPython;

    @Option(names = "--aeneas-options", defaultValue = "", description = "more aeneas task options, '|'-separated, e.g. "
            + "task_adjust_boundary_nonspeech_min=0.2|task_adjust_boundary_nonspeech_string=REMOVE (fragments without "
            + "their pauses)")
    String aeneasOptions;

    @Option(names = "--from-table", description = "measure on real speech: join the recorded clips a tab-separated table "
            + "lists (as samtal synth --from-table: a file column and a text column, e.g. "
            + "../shared/realspeech/is-samromur-dev/metadata.tsv) into one recording with a transcript of one sentence a "
            + "line, build it with default settings and report sentences placed right (inside their own clip) and precision")
    Path fromTable;

    @picocli.CommandLine.Mixin
    JoinOptions joining;

    @Option(names = "--lang", defaultValue = "is", description = "language of the clips (with --from-table), or of the "
            + "generated recording: is (the Icelandic interview) or ko (the Korean dialogue, for the Vosk path) "
            + "(default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--recordings", defaultValue = "0", description = "scale: generate this many recordings of "
            + "--minutes each and build them side by side with each of --runners (medians of --repeat runs, speed-up, "
            + "Beam's overhead, seconds per audio hour of each stage)")
    int recordings;

    @Option(names = "--minutes", defaultValue = "5", description = "with --recordings: length of each (default: ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--runners", split = ",", defaultValue = "inline,direct:1,direct:1x1,direct:1x1@1,direct:2",
            description = "with --recordings: the builds to compare: inline, direct:WORKERS, flink:WORKERS (Flink in "
            + "local mode; samtal-cluster.jar), spark:WORKERS (Spark local[WORKERS]; samtal-spark.jar); WORKERSxCORES "
            + "gives each recording that many cores (direct:1x1: one worker of one core, the unit the speed-up of more "
            + "workers is measured against); @CPUS confines the whole process to that many CPUs while the runner builds "
            + "(Linux, taskset), its collector, compiler and espeak-ng too, as a worker container of that many cores "
            + "is (direct:1x1@1: the build given one CPU) (default: ${DEFAULT-VALUE})")
    List<String> runners;

    @Option(names = "--runner", defaultValue = "inline", description = "without --recordings: how the recording is "
            + "built: inline (no Beam), direct (Beam's DirectRunner, as samtal build does), or a spec as in --runners "
            + "(default: ${DEFAULT-VALUE})")
    String runner;

    @Option(names = "--repeat", defaultValue = "1", description = "with --recordings: builds of each runner, in turn "
            + "(default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", description = "with --recordings: builds of all the recordings "
            + "with each runner before the counted ones, not counted (the JVM compiles its hot code meanwhile) "
            + "(default: ${DEFAULT-VALUE})")
    int warmup;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String language;
        try {
            language = LanguageTags.validate(lang);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (fromTable == null && joining.given()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--tight, --text-column and --clips say how to join a table's clips; use them with --from-table");
        }
        if (fromTable == null && !language.equals("is") && !language.equals("ko")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "generated recordings are Icelandic (--lang is) or Korean (--lang ko); for " + language
                            + " join recorded clips with --from-table");
        }
        if (vsAeneas) {
            // before minutes of building: a comparison that cannot be made is said at once
            String missing = AeneasRun.unavailable(aeneasPython);
            if (missing != null) {
                System.err.println("samtal: " + missing);
                return 1;
            }
        }
        if (recordings > 0) {
            try {
                for (String r : runners) ScaleBench.runner(r);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runners: " + e.getMessage());
            }
            if (repeat < 1 || minutes <= 0 || warmup < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--repeat and --minutes must be positive, --warmup 0 or more");
            }
            print(new ScaleBench(work, aligner).run(recordings, minutes, format, runners, repeat, warmup));
            return 0;
        }
        Media media = new Media();
        String stem = fromTable != null ? tableStem()
                : String.format(java.util.Locale.ROOT, "bench-%s%sh-snr%s", language.equals("is") ? "" : language + "-",
                fmt(hours), fmt(snr));
        Path inputs = work.resolve(stem);
        Path input = inputs.resolve(stem + "." + (fromTable != null ? "flac" : format));
        Path truthPath = inputs.resolve(stem + ".truth.json");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("input", input.toString());
        if (fromTable == null) figures.put("hours", hours);
        figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        if (fromTable != null) {
            // joined again every run: the table or its clips may have changed, and joining takes seconds
            long t0 = System.nanoTime();
            join(media, inputs, stem);
            figures.put("join_seconds", (System.nanoTime() - t0) / 1e9);
        } else if (!Files.isRegularFile(input) || !Files.isRegularFile(truthPath)) {
            long t0 = System.nanoTime();
            generate(media, inputs, stem, language);
            figures.put("generate_seconds", (System.nanoTime() - t0) / 1e9);
        }
        if (decodeOnly) {
            decodeAndDetect(media, input, figures);
            print(figures);
            return 0;
        }
        Path corpus = work.resolve(stem + "-corpus");
        org.samtal.run.BuildRunner buildRunner;
        try {
            buildRunner = runner.equals("direct") ? org.samtal.run.BuildRunner.direct() : ScaleBench.runner(runner);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runner: " + e.getMessage());
        }
        figures.put("runner", runner);
        System.gc();
        BuildReport report;
        long peakHeap;
        long cpu0 = processCpuNanos();
        try (HeapSampler heap = new HeapSampler()) {
            BuildSettings settings = BuildSettings.defaults(language).withAligner(aligner);
            report = new BuildJob(settings, corpus, media, new Progress(System.err, false)).withRunner(buildRunner)
                    .run(List.of(input), null, true);
            peakHeap = heap.peakUsedBytes();
        }
        long cpu = processCpuNanos() - cpu0;
        RecordingOutcome o = report.recordings().get(0);
        if (o.status().equals(RecordingOutcome.FAILED)) {
            System.err.println("samtal: bench build failed: " + o.message());
            return 1;
        }
        double audio = o.audioSeconds();
        figures.put("aligner", o.aligner());
        figures.put("audio_seconds", audio);
        o.stages().forEach((stage, secs) -> {
            figures.put(stage + "_seconds", secs);
            figures.put(stage + "_x_real_time", secs > 0 ? audio / secs : Double.POSITIVE_INFINITY);
        });
        figures.put("total_seconds", o.elapsedSeconds());
        figures.put("total_x_real_time", audio / o.elapsedSeconds());
        // the whole build's CPU time (all threads, JIT and GC too): comparable with aeneas' on a busy machine
        if (cpu0 >= 0 && cpu >= 0) figures.put("build_cpu_seconds", cpu / 1e9);
        figures.put("peak_heap_mb", peakHeap / (double) (1 << 20));
        figures.put("peak_rss_mb", HeapSampler.peakRssBytes() / (double) (1 << 20));
        figures.put("segments", o.segments());
        TruthFile truth = Json.mapper().readValue(truthPath.toFile(), TruthFile.class);
        EvalReport eval = new Evaluation().evaluate(truth,
                CorpusStore.at(corpus).readManifest());
        figures.put("median_boundary_error_ms", eval.medianError() * 1000);
        figures.put("within_100ms", eval.within100ms());
        figures.put("coverage", eval.coverage());
        figures.put("false_segments", eval.falseSegments());
        figures.put("sentences", truth.sentences().size());
        figures.put("placed_right", eval.placedRight());
        figures.put("precision", eval.precision());
        if (vsAeneas) {
            new AeneasRun(aeneasPython, aeneasOptions).compare(input, truth, language, work.resolve(stem + "-aeneas"),
                    o.stages().get("alignment"), figures);
        }
        print(figures);
        return 0;
    }

    private void print(Map<String, Object> figures) throws Exception {
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        } else {
            int width = figures.keySet().stream().mapToInt(String::length).max().orElse(40) + 1;
            figures.forEach((k, v) -> System.out.printf("%-" + width + "s %s%n", k, v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : v));
        }
    }

    /** Decoding and speech detection alone, each under its own heap sampler. */
    private void decodeAndDetect(Media media, Path input, Map<String, Object> figures) {
        System.gc();
        DecodedAudio audio;
        try (HeapSampler heap = new HeapSampler()) {
            long t0 = System.nanoTime();
            audio = media.decode(input, DecodeOptions.speechMono(), work.resolve("pcm"), null);
            double s = (System.nanoTime() - t0) / 1e9;
            figures.put("decode_seconds", s);
            figures.put("decode_x_real_time", audio.duration() / s);
            figures.put("decode_peak_heap_mb", heap.peakUsedBytes() / (double) (1 << 20));
        }
        try (HeapSampler heap = new HeapSampler()) {
            long t0 = System.nanoTime();
            SpeechMap map = new SpeechDetector(DetectorSettings.defaults()).detect(audio, 0);
            double s = (System.nanoTime() - t0) / 1e9;
            figures.put("speech_detection_seconds", s);
            figures.put("speech_detection_x_real_time", audio.duration() / s);
            figures.put("speech_detection_peak_heap_mb", heap.peakUsedBytes() / (double) (1 << 20));
            figures.put("speech_regions", map.regions().size());
        } finally {
            audio.delete();
        }
        figures.put("decoded_seconds", audio.duration());
        figures.put("peak_rss_mb", HeapSampler.peakRssBytes() / (double) (1 << 20));
    }

    /** The inputs' name: the table's folder and the way of joining, so the two ways of one table do not meet. */
    private String tableStem() {
        Path folder = fromTable.toAbsolutePath().getParent();
        String name = folder == null || folder.getFileName() == null ? "table" : folder.getFileName().toString();
        return "real-" + name.replaceAll("[^\\p{L}\\p{N}._-]", "_") + (joining.tight ? "-tight" : "-whole")
                + (joining.textColumn.equals("sentence") ? "" : "-" + joining.textColumn) + (joining.clips > 0 ? "-" + joining.clips : "");
    }

    /** Joins the table's clips into one recording (as {@code samtal synth --from-table}), one sentence a line. */
    private void join(Media media, Path dir, String stem) throws Exception {
        Files.createDirectories(dir);
        SyntheticConversation c = new JoinedClips(media, dir.resolve(".work")).joinTable(fromTable, joining.textColumn, 16000,
                joining.settings(42), joining.clips);
        Path out = dir.resolve(stem + ".flac");
        short[] pcm = c.interleaved();
        AtomicFiles.produce(out, tmp -> {
            try (AudioEncoder enc = media.openEncoder(tmp, EncoderSettings.forExtension("flac", c.sampleRate(), 1))) {
                enc.write(pcm, pcm.length);
            }
        });
        AtomicFiles.writeString(dir.resolve(stem + ".txt"), TranscriptFiles.lines(c));
        TruthFile file = new TruthFile(c.sampleRate(), c.duration(), List.of(out.getFileName().toString()), c.truth());
        AtomicFiles.write(dir.resolve(stem + ".truth.json"), o -> Json.mapper().writeValue(o, file));
        SynthCommand.deleteTree(dir.resolve(".work"));
    }

    /**
     * Writes the Icelandic interview (or the Korean dialogue), repeated and varied (pauses and voices reseeded) to
     * about an hour, then that hour as many times as asked, through a streaming encoder; the transcript and truth
     * follow the repeats.
     */
    private void generate(Media media, Path dir, String stem, String language) throws Exception {
        Files.createDirectories(dir);
        Espeak espeak = new Espeak(media, work.resolve(".work"));
        ConversationScript base = language.equals("ko") ? ConversationScript.builtIn("dialogue-ko")
                : ConversationScript.icelandicInterview();
        double blockHours = Math.min(1, hours);
        List<ConversationScript.Line> lines = new ArrayList<>();
        while (lines.size() * 3.6 < blockHours * 3600) lines.addAll(base.lines()); // about 3.6 s of speech a line
        ConversationScript script = new ConversationScript(lines);
        SyntheticConversation c = new ConversationSynth(espeak).synthesize(script,
                ConversationSynth.defaultVoices(script, language), ConversationSynth.Settings.defaults(language).withSnr(snr));
        short[] block = c.channels()[0];
        int repeats = (int) Math.ceil(hours / (c.duration() / 3600));
        long target = Math.round(hours * 3600 * c.sampleRate());
        System.err.printf("bench: generating %.1f h of %s (%d x %.1f min) in %s ...%n", hours, format, repeats,
                c.duration() / 60, dir);
        List<TruthSentence> truth = new ArrayList<>();
        StringBuilder transcript = new StringBuilder();
        long written = 0;
        Path out = dir.resolve(stem + "." + format);
        try (AudioEncoder enc = media.openEncoder(out, EncoderSettings.forExtension(format, c.sampleRate(), 1))) {
            for (int r = 0; r < repeats && written < target; r++) {
                int n = (int) Math.min(block.length, target - written);
                enc.write(block, n);
                double shift = (double) written / c.sampleRate();
                double limit = shift + (double) n / c.sampleRate();
                for (TruthSentence t : c.truth()) {
                    if (t.end() + shift > limit) break;
                    truth.add(new TruthSentence(truth.size(), t.turn(), t.speaker(), t.text(), t.start() + shift, t.end() + shift,
                            t.channel()));
                }
                written += n;
            }
        }
        // the transcript holds exactly the sentences that fit, one turn a line
        String speaker = null;
        for (TruthSentence t : truth) {
            if (!t.speaker().equals(speaker)) {
                if (speaker != null) transcript.append('\n');
                transcript.append(t.speaker()).append(':');
                speaker = t.speaker();
            }
            transcript.append(' ').append(t.text());
        }
        transcript.append('\n');
        AtomicFiles.writeString(dir.resolve(stem + ".txt"), transcript.toString());
        TruthFile file = new TruthFile(c.sampleRate(), (double) written / c.sampleRate(), List.of(out.getFileName().toString()), truth);
        AtomicFiles.write(dir.resolve(stem + ".truth.json"), o -> Json.mapper().writeValue(o, file));
    }

    /** CPU time of this process so far, nanoseconds; -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

        private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
