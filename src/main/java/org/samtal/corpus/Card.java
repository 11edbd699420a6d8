package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.statistics.HistogramDataset;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;
import org.samtal.util.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The corpus card: {@code card.md} for people, {@code card.json} for machines, with histograms of segment
 * durations and scores ({@code plots/}); and {@code SHA256SUMS} over every clip and every manifest.
 */
public final class Card {
    private final Path root;
    private final CorpusStore store;
    private final ObjectMapper json = Json.mapper();

    public Card(Path root) {
        this.root = root;
        this.store = CorpusStore.at(root);
    }

    /**
     * @param rows   the corpus's rows
     * @param split  each row's split
     * @param report the build report ({@code build-report.json}), or {@code null}
     * @param review what validators' review found and changed (sample, estimated error rate, agreement), or
     *               {@code null} when the corpus was not reviewed
     */
    public void write(List<ManifestRow> rows, Map<String, String> split, JsonNode report, JsonNode review) {
        System.setProperty("java.awt.headless", "true");
        try {
            ObjectNode card = json.createObjectNode();
            card.put("samtal_version", Version.current());
            card.put("segments", rows.size());
            card.put("hours", round(hours(rows)));
            card.set("languages", json.valueToTree(count(rows, ManifestRow::lang)));
            Map<String, double[]> splits = new TreeMap<>();
            for (ManifestRow r : rows) {
                double[] s = splits.computeIfAbsent(split.get(r.id()), k -> new double[2]);
                s[0]++;
                s[1] += r.duration();
            }
            ObjectNode sp = card.putObject("splits");
            var empty = card.putArray("empty_splits");
            double total = Math.max(1e-9, rows.stream().mapToDouble(ManifestRow::duration).sum());
            for (String name : List.of(Splits.TRAIN, Splits.DEV, Splits.TEST)) {
                double[] s = splits.getOrDefault(name, new double[2]);
                ObjectNode o = sp.putObject(name);
                o.put("segments", (int) s[0]);
                o.put("hours", round(s[1] / 3600));
                o.put("share", round(s[1] / total));
                if (s[0] == 0) empty.add(name);
            }
            Map<String, Double> speakers = new TreeMap<>();
            for (ManifestRow r : rows) speakers.merge(r.speaker(), r.duration() / 3600, Double::sum);
            speakers.replaceAll((k, v) -> round(v));
            card.set("speaker_hours", json.valueToTree(speakers));
            card.set("aligners", json.valueToTree(count(rows, ManifestRow::aligner)));
            card.set("tracks", json.valueToTree(count(rows, r -> r.track() == null ? "undeclared" : r.track())));
            card.set("partners", json.valueToTree(count(rows, r -> r.partner() == null ? "undeclared" : r.partner())));
            card.put("licence", "as declared in each partner's submission.json; undeclared material must not be published");
            if (report != null) {
                card.set("filters_removed", filtersRemoved(report));
                card.set("settings", report.path("settings"));
                card.put("config_hash", report.path("config_hash").asText());
            }
            if (review != null) card.set("review", review);
            AtomicFiles.createDirectories(store.plots());
            histogram(rows.stream().mapToDouble(ManifestRow::duration).toArray(), "Segment durations", "seconds",
                    0, 20, store.plots().resolve("durations.png"));
            histogram(rows.stream().mapToDouble(ManifestRow::score).toArray(), "Alignment scores", "score",
                    0, 1, store.plots().resolve("scores.png"));
            AtomicFiles.write(store.cardJson(), o -> json.writerWithDefaultPrettyPrinter().writeValue(o, card));
            AtomicFiles.writeString(store.cardMarkdown(), markdown(card));
            new Checksums(root).write();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the corpus card: " + e.getMessage(), e);
        }
    }

    private String markdown(ObjectNode card) {
        StringBuilder md = new StringBuilder();
        md.append("# Corpus card\n\n");
        md.append(String.format(java.util.Locale.ROOT, "%d segments, %.2f hours; languages: %s; built by samtal %s.%n%n", card.get("segments").asInt(),
                card.get("hours").asDouble(), card.get("languages"), card.get("samtal_version").asText()));
        md.append("| split | segments | hours | share of audio |\n|---|---|---|---|\n");
        card.get("splits").fields().forEachRemaining(e -> md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.3f | %.1f%% |%n", e.getKey(),
                e.getValue().get("segments").asInt(), e.getValue().get("hours").asDouble(), 100 * e.getValue().get("share").asDouble())));
        md.append("\nSplits keep speakers and recordings apart; groups too large to hold out stay in train.\n");
        List<String> empty = new ArrayList<>();
        card.get("empty_splits").forEach(n -> empty.add(n.asText()));
        if (!empty.isEmpty()) {
            md.append(String.format(java.util.Locale.ROOT, "The %s split%s no segments (too few speakers and recordings to hold out), so no format has "
                    + "files for %s.%n", String.join(" and ", empty), empty.size() == 1 ? " has" : "s have", empty.size() == 1 ? "it" : "them"));
        }
        md.append('\n');
        md.append("| speaker | hours |\n|---|---|\n");
        card.get("speaker_hours").fields().forEachRemaining(e -> md.append(String.format(java.util.Locale.ROOT, "| %s | %.3f |%n", e.getKey(), e.getValue().asDouble())));
        md.append("\n## Distributions\n\n![Segment durations](plots/durations.png)\n\n![Alignment scores](plots/scores.png)\n\n");
        if (card.has("filters_removed")) {
            md.append("## Filters\n\n| filter | segments removed | seconds removed |\n|---|---|---|\n");
            card.get("filters_removed").fields().forEachRemaining(e -> md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.1f |%n", e.getKey(),
                    e.getValue().get("segments").asInt(), e.getValue().get("seconds").asDouble())));
        }
        if (card.has("review")) md.append(reviewSection(card.get("review")));
        md.append("\n## Provenance\n\n");
        md.append("- tracks: ").append(card.get("tracks")).append("\n- partners: ").append(card.get("partners"))
                .append("\n- licence: ").append(card.get("licence").asText()).append('\n');
        if (card.has("config_hash")) {
            md.append("- configuration hash: `").append(card.get("config_hash").asText())
                    .append("` (the full settings are in card.json and build-report.json)\n");
        }
        md.append("- checksums of every clip and manifest: `SHA256SUMS` (`sha256sum -c SHA256SUMS`)\n");
        return md.toString();
    }

    private static String reviewSection(JsonNode r) {
        StringBuilder md = new StringBuilder("\n## Review\n\n");
        JsonNode stats = r.path("stats");
        if (!stats.isMissingNode() && !stats.isNull()) {
            JsonNode all = stats.path("overall");
            int level = (int) Math.round(100 * stats.path("confidence").asDouble());
            md.append(String.format(java.util.Locale.ROOT, "Validators judged %d of a sample of %d segments (stratified by score band; %d decisions).%n",
                    stats.path("judged").asInt(), stats.path("sample_size").asInt(), stats.path("decisions").asInt()));
            if (all.hasNonNull("share")) {
                md.append(String.format(java.util.Locale.ROOT, "Estimated share of bad segments (rejected, text corrected, or cut more than 100 ms off): "
                                + "**%.1f%%** (%d%% interval %.1f%%-%.1f%%)%s.%n", 100 * all.get("share").asDouble(), level,
                        100 * all.get("low").asDouble(), 100 * all.get("high").asDouble(),
                        all.path("partial").asBoolean() ? "; not every score band is judged yet" : ""));
            }
            md.append("\n| score band | segments | judged | bad | share | interval |\n|---|---|---|---|---|---|\n");
            for (JsonNode b : stats.path("bands")) {
                md.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %s | %s |%n", b.path("band").asText(), b.path("population").asInt(),
                        b.path("judged").asInt(), b.path("bad").asInt(),
                        b.hasNonNull("share") ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * b.get("share").asDouble()) : "-",
                        b.hasNonNull("low") ? String.format(java.util.Locale.ROOT, "%.1f%%-%.1f%%", 100 * b.get("low").asDouble(), 100 * b.get("high").asDouble()) : "-"));
            }
            JsonNode ag = stats.path("agreement");
            md.append(String.format(java.util.Locale.ROOT, "%nAgreement: %s judged by two validators; %s.%n", plural(ag.path("segments").asInt(), "segment"),
                    ag.hasNonNull("kappa") ? String.format(java.util.Locale.ROOT, "Cohen's kappa %.2f (observed agreement %.0f%%)", ag.get("kappa").asDouble(),
                            100 * ag.get("observed").asDouble())
                            : ag.hasNonNull("observed") ? String.format(java.util.Locale.ROOT, "observed agreement %.0f%% (kappa undefined: one label only)",
                            100 * ag.get("observed").asDouble()) : "no agreement figure yet"));
        }
        md.append(String.format(java.util.Locale.ROOT, "%nApplied to this corpus: %s left out as rejected, %s corrected, %s cut again"
                        + " at corrected boundaries%s.%n", plural(r.path("rejected").asInt(), "segment"),
                plural(r.path("text_corrected").asInt(), "text"), plural(r.path("bounds_corrected").asInt(), "segment"),
                r.path("personal_data").asInt() > 0
                        ? ", " + r.path("personal_data").asInt() + " left out for personal data in a corrected text" : ""));
        return md.toString();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * What the filters removed from the whole corpus: counted from {@code rejected.jsonl}, which holds every
     * recording's removed segments (the report has only this build's recordings: a resumed or unchanged build
     * showed a part or nothing). Every filter is listed, removing nothing or not.
     */
    private ObjectNode filtersRemoved(JsonNode report) throws IOException {
        Map<String, double[]> sums = new TreeMap<>();
        for (String rule : org.samtal.align.SegmentFilter.RULES) sums.put(rule, new double[2]);
        Path rejected = store.rejected();
        if (Files.isRegularFile(rejected)) {
            try (var lines = Files.lines(rejected)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isBlank()) continue;
                    JsonNode row = json.readTree(line);
                    String rule = row.path("reason").path("rule").asText();
                    // personal data is the screening's, reported apart (kinds and positions, never values)
                    if (rule.isEmpty() || rule.equals("personal_data")) continue;
                    double[] s = sums.computeIfAbsent(rule, k -> new double[2]);
                    s[0]++;
                    s[1] += row.path("end").asDouble() - row.path("start").asDouble();
                }
            }
        } else {
            // a corpus written before rejected.jsonl: this build's figures are all there are
            for (JsonNode rec : report.path("recordings")) {
                rec.path("removed").fields().forEachRemaining(e -> {
                    double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
                    s[0] += e.getValue().path("segments").asDouble();
                    s[1] += e.getValue().path("seconds").asDouble();
                });
            }
        }
        ObjectNode o = json.createObjectNode();
        sums.forEach((k, v) -> {
            ObjectNode f = o.putObject(k);
            f.put("segments", (int) v[0]);
            f.put("seconds", round(v[1]));
        });
        return o;
    }

    /** A histogram over a fixed range, so cards of different corpora compare at a glance. */
    private static void histogram(double[] values, String title, String axis, double min, double max, Path png)
            throws IOException {
        HistogramDataset data = new HistogramDataset();
        double top = Math.max(max, java.util.Arrays.stream(values).max().orElse(max));
        if (values.length > 0) data.addSeries(title, values, 40, min, top);
        JFreeChart chart = ChartFactory.createHistogram(title, axis, "segments", data, PlotOrientation.VERTICAL,
                false, false, false);
        AtomicFiles.produce(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 640, 360));
    }

    private static Map<String, Integer> count(List<ManifestRow> rows, java.util.function.Function<ManifestRow, String> key) {
        Map<String, Integer> m = new TreeMap<>();
        for (ManifestRow r : rows) m.merge(String.valueOf(key.apply(r)), 1, Integer::sum);
        return m;
    }

    private static double hours(List<ManifestRow> rows) {
        return rows.stream().mapToDouble(ManifestRow::duration).sum() / 3600;
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
