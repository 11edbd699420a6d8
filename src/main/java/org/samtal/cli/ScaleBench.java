package org.samtal.cli;

import org.samtal.bench.CpuConfinement;
import org.samtal.media.AudioEncoder;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.BuildReport;
import org.samtal.run.BuildRunner;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;
import org.samtal.run.RecordingOutcome;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.TranscriptFiles;
import org.samtal.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code samtal bench --recordings N}: many recordings built side by side in one run by each runner asked for (one
 * after another without Beam, Beam's DirectRunner with one and with more workers, Flink in local mode), each
 * several times in turn so a busy machine weighs on all alike; medians of the wall times, the speed-up of more
 * workers, Beam's overhead over the build one by one, and per stage the seconds each hour of audio costs, the
 * figures the README's cost model rests on.
 */
final class ScaleBench {
    /** Distinct generated recordings at most; the rest are copies under other names (kept: --duplicates keep). */
    static final int DISTINCT = 16;
    /** A line of the interview with its pauses, spoken (measured: 8 recordings of 84 lines lasted 65.3 min). */
    static final double SECONDS_A_LINE = 5.83;

    private final Media media = new Media();
    private final Path work;
    private final String aligner;

    ScaleBench(Path work, String aligner) {
        this.work = work;
        this.aligner = aligner;
    }

    /**
     * Generates the recordings (once: a later run reuses them) and builds them with each runner {@code repeat} times.
     *
     * @param runners runner specs: {@code inline}, {@code direct:W}, {@code flink:W}, {@code spark:W}
     * @return the figures, in the order printed
     */
    Map<String, Object> run(int recordings, double minutes, String format, List<String> runners, int repeat, int warmup)
            throws Exception {
        Path inputs = work.resolve(String.format(Locale.ROOT, "scale-%dx%smin-%s", recordings, fmt(minutes), format));
        generate(inputs, recordings, minutes, format);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("input", inputs.toString());
        figures.put("recordings", recordings);
        figures.put("minutes_each", minutes);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("repeat", repeat);
        figures.put("warmup", warmup);
        if (repeat < 3) {
            // one or two runs of each are single figures: the machine's drift and a cold cache decide them
            System.err.println("bench: with --repeat " + repeat + " every figure is a single run's; --repeat 3 or more gives medians to quote");
        }
        warmUp(inputs, runners, warmup);
        Map<String, List<Double>> walls = new LinkedHashMap<>();
        Map<String, BuildReport> reports = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        for (int r = 0; r < repeat; r++) {
            for (String spec : runners) {
                Path corpus = work.resolve("scale-corpus-" + spec.replace(':', '-'));
                if (Files.exists(corpus)) SynthCommand.deleteTree(corpus);
                System.gc();
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                BuildReport report = build(spec, inputs, corpus);
                double wall = (System.nanoTime() - t0) / 1e9;
                long used = cpuNanos() - cpu0;
                if (report.totals().ok() != recordings) {
                    throw new IllegalStateException(spec + " built " + report.totals().ok() + " of " + recordings
                            + " recordings; see " + corpus.resolve("build-report.json"));
                }
                System.err.printf(Locale.ROOT, "bench: %s run %d: %.1f s%n", spec, r + 1, wall);
                walls.computeIfAbsent(spec, k -> new ArrayList<>()).add(wall);
                digests.put(spec, digest(corpus));
                reports.put(spec, report);
                if (used >= 0) cpu.merge(spec, used / 1e9 / repeat, Double::sum);
            }
        }
        double audioHours = reports.values().iterator().next().totals().audioHours();
        figures.put("audio_hours", audioHours);
        for (var e : walls.entrySet()) {
            figures.put(e.getKey() + "_wall_seconds", e.getValue().stream().map(w -> Math.round(w * 1000) / 1000.0).toList());
            figures.put(e.getKey() + "_median_seconds", median(e.getValue()));
            if (cpu.containsKey(e.getKey())) {
                figures.put(e.getKey() + "_cpu_seconds", cpu.get(e.getKey()));
                // what the machine gave: on a shared machine more workers cannot be faster than this allows
                double meanWall = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(1);
                figures.put(e.getKey() + "_cores_used", cpu.get(e.getKey()) / meanWall);
            }
        }
        // every runner's corpus the same: manifest and clips byte for byte
        figures.put("identical_corpora", digests.values().stream().distinct().count() == 1);
        Double inline = medianOf(walls, "inline");
        Double one = medianOf(walls, "direct:1");
        // more workers against one worker of one core: how the build scales with workers of a core each, as on a
        // cluster (one worker given every core already spreads a recording's work over them)
        String base = walls.containsKey("direct:1x1") ? "direct:1x1" : "direct:1";
        String moreSpec = walls.keySet().stream().filter(k -> k.startsWith("direct:") && runner(k).workers() > 1
                && cpus(k) == 0).findFirst().orElse(null);
        Double more = moreSpec == null ? null : median(walls.get(moreSpec));
        if (walls.containsKey(base) && more != null) {
            figures.put("speedup_more_workers", median(walls.get(base)) / more);
            figures.put("speedup_more_workers_of", moreSpec + " against " + base);
            figures.put("speedup_more_workers_pairs", pairs(walls.get(base), walls.get(moreSpec)));
        }
        // the same build given one CPU, everything of the process on it, then given them all: how the build scales
        // with the machine's cores (one worker of one core above still has the other cores for its collector,
        // compiler and espeak-ng)
        String oneCpu = walls.keySet().stream().filter(k -> cpus(k) == 1 && runner(k).workers() == 1).findFirst().orElse(null);
        if (oneCpu != null && more != null) {
            figures.put("speedup_one_cpu_to_all", median(walls.get(oneCpu)) / more);
            figures.put("speedup_one_cpu_to_all_of", moreSpec + " against " + oneCpu);
            figures.put("speedup_one_cpu_to_all_pairs", pairs(walls.get(oneCpu), walls.get(moreSpec)));
        }
        if (inline != null && more != null) figures.put("speedup_over_one_by_one", inline / more);
        if (inline != null && one != null) figures.put("beam_overhead_one_worker", (one - inline) / inline);
        // per stage, summed over the recordings of the build with the fewest workers (each stage then had a core)
        String measured = walls.containsKey("direct:1x1") ? "direct:1x1"
                : walls.containsKey("direct:1") ? "direct:1" : walls.keySet().iterator().next();
        figures.put("stages_measured_on", measured);
        // the serial tail no number of workers shortens (up to the card: manifest, formats)
        BuildReport.Totals totals = reports.get(measured).totals();
        if (totals.assemblySeconds() != null) {
            figures.put("assembly_seconds", totals.assemblySeconds());
            if (totals.segments() > 0) figures.put("assembly_ms_per_clip", totals.assemblySeconds() * 1000 / totals.segments());
        }
        Map<String, Double> stages = new TreeMap<>();
        for (RecordingOutcome o : reports.get(measured).recordings()) o.stages().forEach((k, v) -> stages.merge(k, v, Double::sum));
        stages.keySet().removeIf(stage -> stage.contains(".")); // an engine's own share of alignment
        double staged = stages.values().stream().mapToDouble(Double::doubleValue).sum();
        stages.forEach((stage, secs) -> {
            figures.put("stage_seconds_per_audio_hour." + stage, secs / audioHours);
            if (secs > 0) figures.put("stage_x_real_time." + stage, audioHours * 3600 / secs);
        });
        if (cpu.containsKey(measured)) {
            double perHour = cpu.get(measured) / audioHours;
            figures.put("cpu_seconds_per_audio_hour", perHour);
            // the whole build's CPU (espeak-ng's included) shared out by each stage's part of the recordings' wall
            // time: with one recording at a time, what a busy machine adds to the wall time weighs on all alike
            if (staged > 0) stages.forEach((stage, secs) -> figures.put("stage_cpu_seconds_per_audio_hour." + stage, perHour * secs / staged));
        }
        return figures;
    }

    /**
     * Builds all the recordings with each runner, in turn, {@code rounds} times, unmeasured: a JVM compiles its hot
     * code for a minute and more of building (measured: the compiler still used a tenth of a core after 80 s), and
     * what it compiles early is charged to the runner it runs beside; a runner with a core to spare (one worker of one
     * core) got it free, two workers paid for it.
     */
    private void warmUp(Path inputs, List<String> runners, int rounds) throws Exception {
        for (int r = 0; r < rounds; r++) {
            for (String spec : runners) {
                Path corpus = work.resolve("scale-warm-up");
                if (Files.exists(corpus)) SynthCommand.deleteTree(corpus);
                long t0 = System.nanoTime();
                build(spec, inputs, corpus);
                System.err.printf(Locale.ROOT, "bench: %s warm-up %d: %.1f s (not counted)%n", spec, r + 1,
                        (System.nanoTime() - t0) / 1e9);
                SynthCommand.deleteTree(corpus);
            }
        }
    }

    /** One build of the inputs by the runner a spec names, confined to the CPUs it names (see {@link #cpus}). */
    private BuildReport build(String spec, Path inputs, Path corpus) throws Exception {
        BuildSettings settings = BuildSettings.defaults("is").withAligner(aligner).withDuplicates("keep");
        BuildJob job = new BuildJob(settings, corpus, media, new Progress(System.err, true)).withRunner(runner(spec));
        int cpus = cpus(spec);
        if (cpus == 0) return job.run(List.of(inputs), null, true);
        try (CpuConfinement confined = CpuConfinement.to(cpus)) {
            return job.run(List.of(inputs), null, true);
        }
    }

    /**
     * The CPUs a spec confines the whole process to while its builds run ({@code direct:1x1@1}: one worker on one
     * CPU, its collector, compiler and espeak-ng on that CPU too), or 0: the machine's.
     */
    static int cpus(String spec) {
        int at = spec.indexOf('@');
        if (at < 0) return 0;
        int cpus;
        try {
            cpus = Integer.parseInt(spec.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': @ takes the number of CPUs to confine the build to, e.g. direct:1x1@1");
        }
        if (cpus < 1) throw new IllegalArgumentException("CPUs in '" + spec + "' must be at least 1");
        int allowed = CpuConfinement.allowed().size();
        if (cpus > allowed) {
            throw new IllegalArgumentException("'" + spec + "' asks for " + cpus + " CPUs; this process may use " + allowed);
        }
        return cpus;
    }

    /** SHA-256 of the manifest and of every clip with its path. */
    static String digest(Path corpus) throws IOException {
        StringBuilder sb = new StringBuilder(org.samtal.util.Hashes.sha256(corpus.resolve("manifest.jsonl")));
        try (var files = Files.walk(corpus.resolve("clips"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append('\n').append(corpus.relativize(f)).append(' ').append(org.samtal.util.Hashes.sha256(f));
            }
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Round by round, how many times as fast {@code b} built as {@code a}: the runs of a round saw the same machine. */
    private static List<Double> pairs(List<Double> a, List<Double> b) {
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) pairs.add(Math.round(a.get(i) / b.get(i) * 100) / 100.0);
        return pairs;
    }

    private static Double medianOf(Map<String, List<Double>> walls, String spec) {
        return walls.containsKey(spec) ? median(walls.get(spec)) : null;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /**
     * {@code inline}, or {@code NAME:WORKERS}, or {@code NAME:WORKERSxCORES} with the cores each recording may use
     * ({@code direct:1x1}: one worker of one core, as a worker on a cluster is); Flink and Spark in local mode, in
     * this process.
     */
    static BuildRunner runner(String spec) {
        cpus(spec);
        int at = spec.indexOf('@');
        String[] p = (at < 0 ? spec : spec.substring(0, at)).split(":", 2);
        String[] w = p.length == 2 ? p[1].split("x", 2) : new String[]{"1"};
        int workers = Integer.parseInt(w[0]);
        int cores = w.length == 2 ? Integer.parseInt(w[1]) : 0;
        if (cores < 0 || (w.length == 2 && cores == 0)) throw new IllegalArgumentException("cores in '" + spec + "' must be at least 1");
        List<String> options = switch (p[0]) {
            case "flink" -> List.of("--flinkMaster=[local]");
            case "spark" -> List.of("--sparkMaster=local[" + workers + "]");
            default -> List.of();
        };
        return new BuildRunner(p[0], workers, options, cores);
    }

    /**
     * The interview's turns shuffled anew for each recording (other voices' pauses too), repeated to the length
     * asked; past {@link #DISTINCT} recordings, copies of those.
     */
    private void generate(Path dir, int recordings, double minutes, String format) throws Exception {
        Files.createDirectories(dir);
        Espeak espeak = new Espeak(media, work.resolve(".work"));
        List<ConversationScript.Line> base = ConversationScript.icelandicInterview().lines();
        for (int i = 1; i <= recordings; i++) {
            String stem = String.format(Locale.ROOT, "rec%04d", i);
            Path media = dir.resolve(stem + "." + format);
            Path transcript = dir.resolve(stem + ".txt");
            if (Files.isRegularFile(media) && Files.isRegularFile(transcript)) continue;
            if (i > DISTINCT) {
                String of = String.format(Locale.ROOT, "rec%04d", (i - 1) % DISTINCT + 1);
                AtomicFiles.produce(media, tmp -> Files.copy(dir.resolve(of + "." + format), tmp,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING));
                AtomicFiles.produce(transcript, tmp -> Files.copy(dir.resolve(of + ".txt"), tmp,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING));
                continue;
            }
            System.err.printf(Locale.ROOT, "bench: generating %s (%.1f min) ...%n", media, minutes);
            List<ConversationScript.Line> lines = new ArrayList<>();
            Random random = new Random(i);
            while (lines.size() * SECONDS_A_LINE < minutes * 60) {
                List<ConversationScript.Line> round = new ArrayList<>(base);
                Collections.shuffle(round, random);
                lines.addAll(round);
            }
            ConversationScript script = new ConversationScript(lines.subList(0, (int) Math.max(1, Math.round(minutes * 60 / SECONDS_A_LINE))));
            SyntheticConversation c = new ConversationSynth(espeak).synthesize(script,
                    ConversationSynth.defaultVoices(script, "is"), ConversationSynth.Settings.defaults("is").withSeed(i));
            short[] pcm = c.channels()[0];
            AtomicFiles.produce(media, tmp -> {
                try (AudioEncoder enc = this.media.openEncoder(tmp, EncoderSettings.forExtension(format, c.sampleRate(), 1))) {
                    enc.write(pcm, pcm.length);
                }
            });
            AtomicFiles.writeString(transcript, TranscriptFiles.turns(c));
        }
        SynthCommand.deleteTree(work.resolve(".work"));
    }

    /** CPU time of this process and of the programs it ran and waited for (espeak-ng), nanoseconds; -1 if unknown. */
    static long cpuNanos() {
        long jvm = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        if (jvm < 0) return -1;
        try {
            // /proc/self/stat fields 16 and 17: children's user and system time, in clock ticks (100 a second)
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return jvm + ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return jvm; // not Linux: the JVM's own
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
