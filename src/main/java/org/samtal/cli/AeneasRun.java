package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;
import org.samtal.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs aeneas, the nearest peer (espeak + MFCC + DTW), on the same input and truth as a benchmark, so the two can
 * be compared in one run. aeneas is a Python program; it is run as one, under {@code /usr/bin/time} for its peak
 * memory when that is there.
 */
final class AeneasRun {
    /** How far a fragment may reach out of its clip and still be right: the tolerance samtal's own placements get. */
    static final double CLIP_TOLERANCE = 0.1;
    /** What builds aeneas-ng 1.7.4 on Debian: its C extensions link libespeak-ng and Festival's libraries. */
    private static final String INSTALL = "sudo apt-get install python3-dev libespeak-ng-dev festival-dev libestools-dev "
            + "ffmpeg && python3 -m venv VENV && VENV/bin/pip install numpy && VENV/bin/pip install aeneas-ng, then pass "
            + "--aeneas-python VENV/bin/python";

    private final String python;
    private final String options;

    AeneasRun(String python, String options) {
        this.python = python;
        this.options = options == null ? "" : options;
    }

    /**
     * Why aeneas cannot be run with {@code python}, with what to do about it; {@code null} when it can.
     */
    static String unavailable(String python) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", "import aeneas.tools.execute_task").redirectErrorStream(true).start();
        } catch (IOException e) {
            return "--vs-aeneas: cannot run " + python + " (" + e.getMessage() + "); install aeneas with: " + INSTALL;
        }
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            output = e.getMessage();
        }
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "--vs-aeneas: " + python + " did not import aeneas within 2 minutes";
        }
        if (p.exitValue() == 0) return null;
        String[] lines = output.split("\n");
        return "--vs-aeneas: aeneas is not installed for " + python + " (" + lines[lines.length - 1].strip()
                + "); install it with: " + INSTALL;
    }

    /** aeneas' name of a language: ISO 639-3 ({@code is} → {@code isl}). */
    static String aeneasLanguage(String tag) {
        String iso3 = Locale.forLanguageTag(tag).getISO3Language();
        return iso3.isEmpty() ? tag : iso3;
    }

    void compare(Path audio, TruthFile truth, String language, Path dir, Double samtalAlignmentSeconds,
                 Map<String, Object> figures) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path text = dir.resolve("sentences.txt");
        Files.writeString(text, String.join("\n", truth.sentences().stream().map(TruthSentence::text).toList()) + "\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("syncmap.json");
        Files.deleteIfExists(out);
        Path timeLog = dir.resolve("time.log");
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) cmd.addAll(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
        String config = "task_language=" + aeneasLanguage(language) + "|is_text_type=plain|os_task_file_format=json"
                + (options.isBlank() ? "" : "|" + options);
        cmd.addAll(List.of(python, "-m", "aeneas.tools.execute_task", audio.toAbsolutePath().toString(), text.toString(),
                config, out.toString()));
        figures.put("aeneas_command", String.join(" ", cmd));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("aeneas.log").toFile()).start();
        if (!p.waitFor(4, TimeUnit.HOURS) || p.exitValue() != 0 || !Files.isRegularFile(out)) {
            p.destroyForcibly();
            figures.put("aeneas", "failed: see " + dir.resolve("aeneas.log") + " (install with: " + INSTALL + ")");
            return;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        figures.put("aeneas_seconds", seconds);
        figures.put("aeneas_x_real_time", truth.duration() / seconds);
        if (samtalAlignmentSeconds != null) figures.put("speed_ratio_samtal_alignment_vs_aeneas", seconds / samtalAlignmentSeconds);
        if (timed) readTimeLog(Files.readAllLines(timeLog), figures);
        judge(Json.mapper().readTree(out.toFile()).path("fragments"), truth, figures);
    }

    /** aeneas' peak memory and CPU time from what {@code /usr/bin/time -v} wrote. */
    static void readTimeLog(List<String> lines, Map<String, Object> figures) {
        for (String line : lines) {
            if (line.contains("Maximum resident set size")) {
                figures.put("aeneas_peak_rss_mb", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            }
            // CPU time as well: on a shared machine wall time says more about the neighbours than about aeneas
            if (line.contains("User time (seconds)") || line.contains("System time (seconds)")) {
                double cpu = Double.parseDouble(line.substring(line.lastIndexOf(':') + 1).trim());
                figures.merge("aeneas_cpu_seconds", cpu, (a, b) -> (double) a + (double) b);
            }
        }
    }

    /**
     * Judges aeneas' fragments (one per sentence, in order) against the truth. Boundary error is taken against each
     * sentence's speech edges. For clips joined into one recording, a fragment is <em>placed right</em> by samtal's
     * rule (its edges inside its own clip, 100 ms tolerance) and <em>mostly inside</em> when more than half of it lies
     * in its clip: aeneas' fragments run from pause to pause, so its edges lie in the pauses, outside the clip. aeneas
     * has no score, so it accepts every fragment: its precision is the share of its fragments placed right.
     */
    static void judge(JsonNode fragments, TruthFile truth, Map<String, Object> figures) {
        List<Double> errors = new ArrayList<>();
        List<TruthSentence> sentences = truth.sentences();
        int n = Math.min(fragments.size(), sentences.size());
        int right = 0;
        int mostlyInside = 0;
        for (int i = 0; i < n; i++) {
            TruthSentence t = sentences.get(i);
            double begin = fragments.get(i).path("begin").asDouble();
            double end = fragments.get(i).path("end").asDouble();
            errors.add(Math.abs(begin - t.start()));
            errors.add(Math.abs(end - t.end()));
            if (t.clipStart() == null) continue;
            if (begin >= t.spanStart() - CLIP_TOLERANCE && end <= t.spanEnd() + CLIP_TOLERANCE
                    && begin < t.spanEnd() && end > t.spanStart()) {
                right++;
            }
            double inside = Math.min(end, t.spanEnd()) - Math.max(begin, t.spanStart());
            if (end > begin && inside > (end - begin) / 2) mostlyInside++;
        }
        figures.put("aeneas_fragments", fragments.size());
        Collections.sort(errors);
        if (!errors.isEmpty()) {
            figures.put("aeneas_median_boundary_error_ms", errors.get(errors.size() / 2) * 1000);
            figures.put("aeneas_within_100ms", errors.stream().filter(e -> e <= 0.1).count() / (double) errors.size());
        }
        if (!sentences.isEmpty() && sentences.get(0).clipStart() != null) {
            figures.put("aeneas_placed_right", (double) right / sentences.size());
            figures.put("aeneas_precision", n == 0 ? 0 : (double) right / n);
            figures.put("aeneas_mostly_inside", (double) mostlyInside / sentences.size());
        }
    }
}
