package org.samtal.corpus;

import org.samtal.media.Media;
import org.samtal.model.WordTime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One Praat TextGrid (long text format) per source recording, in its own time: per speaker a tier of sentences
 * (each segment's text from its speech start to its speech end) and a tier of words (where the engine timed them),
 * so phoneticians can open the delivered recording with its TextGrid in Praat and check or use the alignment.
 * Intervals between segments are empty, as Praat wants every tier to cover the whole recording.
 */
final class TextGridLayout {
    private final Media media;

    TextGridLayout(Media media) {
        this.media = media;
    }

    void write(Path dir, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources, Consumer<String> warn)
            throws IOException {
        Map<String, List<ManifestRow>> byRecording = new TreeMap<>();
        for (List<ManifestRow> rows : bySplit.values()) {
            for (ManifestRow r : rows) byRecording.computeIfAbsent(r.recordingId(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<ManifestRow>> e : byRecording.entrySet()) {
            List<ManifestRow> rows = e.getValue();
            rows.sort(Comparator.comparingDouble(ManifestRow::speechStart));
            double duration = rows.stream().mapToDouble(ManifestRow::end).max().orElse(0);
            Path source = sources.get(e.getKey());
            if (source != null && Files.isRegularFile(source)) {
                duration = Math.max(duration, media.probe(source).duration());
            } else {
                warn.accept("textgrid: the delivered file of " + e.getKey() + " is not at hand; its TextGrid ends at "
                        + "its last segment");
            }
            Exporter.writeLines(dir.resolve(e.getKey() + ".TextGrid"), List.of(textGrid(rows, duration)));
        }
    }

    /** The TextGrid of one recording's rows. */
    static String textGrid(List<ManifestRow> rows, double duration) {
        Map<String, List<ManifestRow>> bySpeaker = new TreeMap<>();
        for (ManifestRow r : rows) bySpeaker.computeIfAbsent(r.speaker(), k -> new ArrayList<>()).add(r);
        List<String> names = new ArrayList<>();
        List<List<Interval>> tiers = new ArrayList<>();
        for (Map.Entry<String, List<ManifestRow>> e : bySpeaker.entrySet()) {
            List<Interval> sentences = new ArrayList<>();
            List<Interval> words = new ArrayList<>();
            for (ManifestRow r : e.getValue()) {
                sentences.add(new Interval(r.speechStart(), r.speechEnd(), r.text()));
                if (r.words() != null) for (WordTime w : r.words()) words.add(new Interval(w.start(), w.end(), w.word()));
            }
            names.add(e.getKey());
            tiers.add(filled(sentences, duration));
            names.add(e.getKey() + " words");
            tiers.add(filled(words, duration));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n");
        sb.append("xmin = 0\nxmax = ").append(num(duration)).append("\ntiers? <exists>\nsize = ").append(tiers.size())
                .append("\nitem []:\n");
        for (int t = 0; t < tiers.size(); t++) {
            List<Interval> in = tiers.get(t);
            sb.append("    item [").append(t + 1).append("]:\n");
            sb.append("        class = \"IntervalTier\"\n        name = ").append(quote(names.get(t))).append('\n');
            sb.append("        xmin = 0\n        xmax = ").append(num(duration)).append('\n');
            sb.append("        intervals: size = ").append(in.size()).append('\n');
            for (int i = 0; i < in.size(); i++) {
                Interval x = in.get(i);
                sb.append("        intervals [").append(i + 1).append("]:\n");
                sb.append("            xmin = ").append(num(x.start())).append('\n');
                sb.append("            xmax = ").append(num(x.end())).append('\n');
                sb.append("            text = ").append(quote(x.text())).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private record Interval(double start, double end, String text) {
    }

    /** The intervals in order, overlaps cut, gaps filled with empty ones, from 0 to the recording's end. */
    private static List<Interval> filled(List<Interval> intervals, double duration) {
        List<Interval> out = new ArrayList<>();
        double at = 0;
        for (Interval x : intervals.stream().sorted(Comparator.comparingDouble(Interval::start)).toList()) {
            double start = Math.max(at, x.start());
            double end = Math.min(duration, x.end());
            if (end <= start) continue;
            if (start > at) out.add(new Interval(at, start, ""));
            out.add(new Interval(start, end, x.text()));
            at = end;
        }
        if (at < duration || out.isEmpty()) out.add(new Interval(at, Math.max(duration, at + 0.001), ""));
        return out;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
