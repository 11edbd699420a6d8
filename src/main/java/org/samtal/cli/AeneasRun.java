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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs aeneas, the nearest peer (espeak + MFCC + DTW), on the same input and truth as a benchmark, so the two can
 * be compared in one run. aeneas is a Python program; it is run as one, under {@code /usr/bin/time} for its peak
 * memory when that is there.
 */
final class AeneasRun {
    private final String python;

    AeneasRun(String python) {
        this.python = python;
    }

    void compare(Path audio, TruthFile truth, Path dir, Double samtalAlignmentSeconds, Map<String, Object> figures)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path text = dir.resolve("sentences.txt");
        Files.writeString(text, String.join("\n", truth.sentences().stream().map(TruthSentence::text).toList()) + "\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("syncmap.json");
        Path timeLog = dir.resolve("time.log");
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) cmd.addAll(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
        cmd.addAll(List.of(python, "-m", "aeneas.tools.execute_task", audio.toAbsolutePath().toString(), text.toString(),
                "task_language=isl|is_text_type=plain|os_task_file_format=json", out.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("aeneas.log").toFile()).start();
        if (!p.waitFor(4, TimeUnit.HOURS) || p.exitValue() != 0) {
            figures.put("aeneas", "failed: see " + dir.resolve("aeneas.log")
                    + " (install with: pip install aeneas; it needs espeak and ffmpeg on PATH)");
            return;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        figures.put("aeneas_seconds", seconds);
        figures.put("aeneas_x_real_time", truth.duration() / seconds);
        if (samtalAlignmentSeconds != null) figures.put("speed_ratio_samtal_alignment_vs_aeneas", seconds / samtalAlignmentSeconds);
        if (timed) {
            for (String line : Files.readAllLines(timeLog)) {
                if (line.contains("Maximum resident set size")) {
                    figures.put("aeneas_peak_rss_mb", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        }
        JsonNode map = Json.mapper().readTree(out.toFile());
        List<Double> errors = new ArrayList<>();
        JsonNode fragments = map.path("fragments");
        for (int i = 0; i < fragments.size() && i < truth.sentences().size(); i++) {
            TruthSentence t = truth.sentences().get(i);
            errors.add(Math.abs(fragments.get(i).path("begin").asDouble() - t.start()));
            errors.add(Math.abs(fragments.get(i).path("end").asDouble() - t.end()));
        }
        Collections.sort(errors);
        if (!errors.isEmpty()) {
            figures.put("aeneas_median_boundary_error_ms", errors.get(errors.size() / 2) * 1000);
            figures.put("aeneas_within_100ms", errors.stream().filter(e -> e <= 0.1).count() / (double) errors.size());
        }
    }
}
