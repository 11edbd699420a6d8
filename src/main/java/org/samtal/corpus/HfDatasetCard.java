package org.samtal.corpus;

import org.samtal.intake.Submission;
import org.samtal.intake.SubmissionReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code hf/README.md}: the dataset card the Hugging Face Hub shows, with the YAML header it reads (configs and
 * splits of the audiofolder layout, licence, languages, task, size category) and the corpus card's figures.
 */
final class HfDatasetCard {
    /** samtal's split names and the Hub's. */
    private static final Map<String, String> HUB_SPLITS = Map.of(Splits.TRAIN, "train", Splits.DEV, "validation", Splits.TEST, "test");

    private HfDatasetCard() {
    }

    /**
     * @param sources recording id to the delivered media file, to find each delivery's {@code submission.json}
     */
    static void write(Path hfDir, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources) throws IOException {
        List<ManifestRow> rows = bySplit.values().stream().flatMap(List::stream).toList();
        Set<String> languages = new TreeSet<>();
        Set<String> tracks = new TreeSet<>();
        Set<String> partners = new TreeSet<>();
        for (ManifestRow r : rows) {
            languages.add(r.lang().split("-")[0].toLowerCase(Locale.ROOT)); // the Hub indexes primary language subtags
            tracks.add(r.track() == null ? "undeclared" : r.track());
            if (r.partner() != null) partners.add(r.partner());
        }
        Set<String> licences = licences(rows, sources);
        boolean isPrivate = tracks.contains("private");
        StringBuilder y = new StringBuilder("---\n");
        if (licences.size() == 1 && !isPrivate && !tracks.contains("undeclared")) {
            y.append("license: ").append(licences.iterator().next().toLowerCase(Locale.ROOT)).append('\n');
        } else {
            y.append("license: other\nlicense_name: ").append(isPrivate ? "private" : licences.isEmpty() ? "undeclared"
                    : String.join("-and-", licences).toLowerCase(Locale.ROOT)).append('\n');
        }
        y.append("language:\n");
        for (String l : languages) y.append("- ").append(l).append('\n');
        y.append("task_categories:\n- automatic-speech-recognition\n");
        y.append("size_categories:\n- ").append(sizeCategory(rows.size())).append('\n');
        y.append("pretty_name: samtal speech corpus").append(isPrivate ? " (private)" : "").append('\n');
        y.append("configs:\n- config_name: default\n  data_files:\n");
        for (String split : bySplit.keySet()) {
            y.append("  - split: ").append(HUB_SPLITS.get(split)).append("\n    path: ").append(split).append("/*\n");
        }
        y.append("---\n\n");

        StringBuilder md = new StringBuilder(y);
        md.append("# samtal speech corpus\n\n");
        if (isPrivate) {
            md.append("**Private.** This corpus holds material delivered on the private track: it is confidential, for the "
                    + "partners' own use. Do not publish it; push it only to a private repository the partners may see.\n\n");
        }
        double hours = rows.stream().mapToDouble(ManifestRow::duration).sum() / 3600;
        md.append(String.format(Locale.ROOT, "%d segments, %.2f hours of speech, %d speakers; languages: %s. Built by samtal "
                        + "from partners' recordings and transcripts; text is the training text (`transcription`).%n%n", rows.size(), hours,
                rows.stream().map(ManifestRow::speaker).distinct().count(), String.join(", ", languages)));
        md.append("| split | segments | hours |\n|---|---|---|\n");
        for (var e : bySplit.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f |%n", HUB_SPLITS.get(e.getKey()), e.getValue().size(),
                    e.getValue().stream().mapToDouble(ManifestRow::duration).sum() / 3600));
        }
        List<String> empty = List.of(Splits.TRAIN, Splits.DEV, Splits.TEST).stream().filter(s -> !bySplit.containsKey(s))
                .map(HUB_SPLITS::get).toList();
        if (!empty.isEmpty()) {
            md.append(String.format(java.util.Locale.ROOT, "%nThe %s split%s no segments, so %s not written.%n", String.join(" and ", empty),
                    empty.size() == 1 ? " has" : "s have", empty.size() == 1 ? "it is" : "they are"));
        }
        md.append(String.format(java.util.Locale.ROOT, "%nLicence: %s. Partners: %s. Tracks: %s.%n", licences.isEmpty() ? "undeclared (do not publish)"
                : String.join(", ", licences), partners.isEmpty() ? "none declared" : String.join(", ", partners), String.join(", ", tracks)));
        md.append("\nLoad it with `datasets.load_dataset(\"audiofolder\", data_dir=\"hf\")` or, on the Hub, by its repository name. "
                + "The full corpus card (filters, score distributions, review) is `card.md` beside this folder.\n");
        Exporter.writeLines(hfDir.resolve("README.md"), md.toString().lines().toList());
    }

    /** The Hub's size category of a dataset of {@code n} rows. */
    static String sizeCategory(long n) {
        if (n < 1_000) return "n<1K";
        if (n < 10_000) return "1K<n<10K";
        if (n < 100_000) return "10K<n<100K";
        if (n < 1_000_000) return "100K<n<1M";
        if (n < 10_000_000) return "1M<n<10M";
        return "10M<n<100M";
    }

    /**
     * The licences of the deliveries the rows come from, from each delivery's submission (in the delivered file's
     * folder or one above it).
     */
    private static Set<String> licences(List<ManifestRow> rows, Map<String, Path> sources) {
        Map<String, String> byDelivery = new TreeMap<>();
        Set<String> out = new TreeSet<>();
        for (ManifestRow r : rows) {
            if (r.partner() == null) continue;
            String key = r.partner() + "\u0000" + r.submission();
            if (!byDelivery.containsKey(key)) byDelivery.put(key, licence(sources.get(r.recordingId()), r));
            if (byDelivery.get(key) != null) out.add(byDelivery.get(key));
        }
        return out;
    }

    private static String licence(Path source, ManifestRow r) {
        for (Path dir = source == null ? null : source.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path file = SubmissionReader.find(dir);
            if (file != null) {
                try {
                    Submission s = new SubmissionReader().read(file);
                    if (s.partner() != null && r.partner().equals(s.partner().id())) return s.licence();
                } catch (IOException e) {
                    return null; // the build reported it; the card says undeclared
                }
            }
        }
        return null;
    }
}
