package org.samtal.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.ManifestRow;
import org.samtal.media.ClipFormat;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.privacy.PersonalDataScanner;
import org.samtal.text.TextSettings;
import org.samtal.text.TrainingText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Applies validators' decisions to a corpus as it is written ({@code build} and {@code export} both call this):
 * rejected segments are left out, corrected text is used (its training text made again), and corrected boundaries
 * are cut again from the delivered recording. It starts from the rows the build made, so a decision changed later
 * changes the corpus again; a re-cut clip's name holds its bounds, so an unchanged correction is not cut twice.
 *
 * <p>Two safety rules: a clip whose audio was redacted for personal data is never cut again from the source (the
 * correction is reported and left unapplied), and a corrected text that holds personal data leaves the segment out.
 */
public final class Corrections {
    /** The shortest clip a correction may ask for. */
    static final double MIN_CLIP = 0.2;

    private final Media media;
    private final PersonalDataScanner scanner = new PersonalDataScanner();

    public Corrections(Media media) {
        this.media = media;
    }

    /**
     * The outcome.
     *
     * @param rows               the rows of the corpus with the decisions applied
     * @param rejected           segments left out as rejected
     * @param textCorrected      segments whose text was corrected
     * @param boundsCorrected    segments cut again
     * @param personalData       segments left out because a corrected text holds personal data
     * @param warnings           corrections not applied, and why
     * @param stats              the review's figures (for the card), or {@code null} when no sample was drawn
     */
    public record Applied(@com.fasterxml.jackson.annotation.JsonIgnore List<ManifestRow> rows, int rejected,
                          @JsonProperty("text_corrected") int textCorrected, @JsonProperty("bounds_corrected") int boundsCorrected,
                          @JsonProperty("personal_data") int personalData, List<String> warnings, ReviewStats stats) {
        public static Applied none(List<ManifestRow> rows) {
            return new Applied(rows, 0, 0, 0, 0, List.of(), null);
        }

        /** Whether there was a review to apply. */
        public boolean reviewed() {
            return stats != null || rejected + textCorrected + boundsCorrected + personalData > 0 || !warnings.isEmpty();
        }
    }

    /**
     * Where a corpus's review database is, and the corpus's name in it: the corpus's own {@code .samtal/review.sqlite},
     * or, for a track's corpus ({@code OUT/open}, {@code OUT/private}), the one of the build folder above it.
     */
    public record Location(Path reviewRoot, String corpus) {
    }

    public static Optional<Location> locate(Path corpusRoot) {
        Path root = corpusRoot.toAbsolutePath().normalize();
        if (Files.isRegularFile(org.samtal.corpus.CorpusStore.at(root).reviewDatabase())) return Optional.of(new Location(root, ""));
        Path parent = root.getParent();
        String name = root.getFileName() == null ? "" : root.getFileName().toString();
        if (parent != null && Validator.TRACKS.contains(name) && Files.isRegularFile(org.samtal.corpus.CorpusStore.at(parent).reviewDatabase())) {
            return Optional.of(new Location(parent, name));
        }
        return Optional.empty();
    }

    /**
     * Applies the decisions stored for this corpus, if it has a review database.
     *
     * @param corpusRoot  the corpus folder
     * @param rows        the rows as built (not as an earlier application left them)
     * @param text        the build's text settings, to make training text of corrected text
     * @param audioStream the audio stream the build decoded
     * @param sources     recording id to its delivered media file
     */
    public Applied apply(Path corpusRoot, List<ManifestRow> rows, TextSettings text, int audioStream, Map<String, Path> sources) {
        Optional<Location> where = locate(corpusRoot);
        if (where.isEmpty()) return Applied.none(rows);
        List<Decision> decisions;
        Optional<Sample> sample;
        try (ReviewStore store = ReviewStore.open(where.get().reviewRoot())) {
            decisions = store.decisions();
            sample = store.sample();
        }
        String corpus = where.get().corpus();
        List<Decision> mine = decisions.stream().filter(d -> d.corpus().equals(corpus)).toList();
        Map<String, Verdict> verdicts = Verdict.of(mine);
        // the figures of this corpus alone: a build folder's sample also holds the other track's segments and bands
        List<ReviewSegment> own = rows.stream().map(r -> new ReviewSegment(corpus, r)).toList();
        ReviewStats stats = sample.map(s -> ReviewStats.visibleTo(s, mine, own, r -> true)).orElse(null);

        List<String> warnings = new ArrayList<>();
        int rejected = 0;
        int texts = 0;
        int bounds = 0;
        int personal = 0;
        Map<String, Map<Integer, double[]>> recuts = new LinkedHashMap<>(); // recording -> row index -> new bounds
        List<ManifestRow> out = new ArrayList<>();
        CorpusWriter writer = new CorpusWriter(corpusRoot, null, null);
        for (ManifestRow row : rows) {
            Verdict v = verdicts.get(Verdict.key(corpus, row.id()));
            if (v != null && v.rejected()) {
                // a rejected clip leaves the published corpus (it may hold what it was rejected for)
                move(corpusRoot.resolve(row.audioFilepath()), writer.held(row.audioFilepath()));
                removeOtherCuts(corpusRoot.resolve(row.audioFilepath()), row.id(), null);
                rejected++;
                continue;
            }
            move(writer.held(row.audioFilepath()), corpusRoot.resolve(row.audioFilepath())); // a decision changed back
            if (v == null) {
                removeOtherCuts(corpusRoot.resolve(row.audioFilepath()), row.id(), null);
                out.add(row);
                continue;
            }
            ManifestRow r = row.withReview(v.corrected() ? "corrected" : "accepted");
            if (v.text() != null && !v.text().equals(row.text())) {
                if (!scanner.scan(v.text()).isEmpty()) {
                    move(corpusRoot.resolve(row.audioFilepath()), writer.held(row.audioFilepath()));
                    personal++;
                    warnings.add(row.id() + ": the corrected text holds personal data; the segment is left out");
                    continue;
                }
                TrainingText.Result t = new TrainingText(row.lang(), text.casing(), text.punctuation()).normalize(v.text());
                r = r.withText(v.text(), t.text(), t.events().isEmpty() ? null : t.events(), t.flags().isEmpty() ? null : t.flags());
                texts++;
            }
            if (v.start() != null || v.end() != null) {
                double start = v.start() != null ? v.start() : row.start();
                double end = v.end() != null ? v.end() : row.end();
                String refused = refuseCut(row, start, end, sources);
                if (refused != null) {
                    warnings.add(row.id() + ": boundaries not changed: " + refused);
                } else if (Math.abs(start - row.start()) >= 0.0005 || Math.abs(end - row.end()) >= 0.0005) {
                    recuts.computeIfAbsent(row.recordingId(), k -> new LinkedHashMap<>()).put(out.size(), new double[]{start, end});
                    bounds++;
                }
            } else {
                removeOtherCuts(corpusRoot.resolve(row.audioFilepath()), row.id(), null);
            }
            out.add(r);
        }
        for (var e : recuts.entrySet()) cut(corpusRoot, writer, out, e.getValue(), sources.get(e.getKey()), audioStream, warnings);
        return new Applied(out, rejected, texts, bounds, personal, warnings, stats);
    }

    private static String refuseCut(ManifestRow row, double start, double end, Map<String, Path> sources) {
        List<String> flags = row.flags() == null ? List.of() : row.flags();
        if (flags.contains("personal_data_redacted") || flags.contains("personal_data_in_audio")) {
            return "its audio holds redacted personal data, so it is not cut again from the source";
        }
        // decisions stored before the server checked them may hold anything (1e308, -5)
        String problem = Decision.edgesProblem(row, start, end, MIN_CLIP, Double.NaN);
        if (problem != null) return problem;
        Path source = sources.get(row.recordingId());
        if (source == null || !Files.isRegularFile(source)) {
            return "its source recording " + (source == null ? row.source() : source) + " is not at hand (keep the delivered files where the build read them)";
        }
        return null;
    }

    /**
     * Cuts the corrected clips of one recording, decoding it once; a clip already cut with these bounds is kept. The
     * clip cut at the old bounds is held out of the published corpus (no row points to it), and comes back if the
     * correction is withdrawn.
     */
    private void cut(Path root, CorpusWriter writer, List<ManifestRow> rows, Map<Integer, double[]> bounds, Path source,
                     int audioStream, List<String> warnings) {
        DecodedAudio audio = null;
        try {
            for (var e : bounds.entrySet()) {
                int i = e.getKey();
                ManifestRow r = rows.get(i);
                ManifestRow cut = cutRow(r, e.getValue()[0], e.getValue()[1]);
                Path clip = root.resolve(cut.audioFilepath());
                removeOtherCuts(clip, r.id(), clip);
                if (!Files.isRegularFile(clip)) {
                    if (audio == null) {
                        audio = media.decode(source, new DecodeOptions(DecodeOptions.SPEECH_RATE, audioStream, true),
                                org.samtal.corpus.CorpusStore.at(root).workDir(), null);
                    }
                    long from = audio.sampleAt(cut.start());
                    long to = Math.min(audio.numSamples(), audio.sampleAt(cut.end()));
                    if (to - from < MIN_CLIP * audio.sampleRate()) {
                        warnings.add(r.id() + ": boundaries not changed: they lie beyond the end of " + source.getFileName());
                        continue;
                    }
                    media.writeClip(audio, r.channel(), from, to, clip, ClipFormat.FLAC);
                }
                rows.set(i, cut);
                move(root.resolve(r.audioFilepath()), writer.held(r.audioFilepath()));
            }
        } catch (MediaException e) {
            warnings.add(source + ": boundaries not changed: " + e.getMessage());
        } finally {
            if (audio != null) audio.delete();
        }
    }

    /** The row for a clip cut at the corrected bounds; the clip's name holds them, in milliseconds. */
    private static ManifestRow cutRow(ManifestRow r, double start, double end) {
        String dir = r.audioFilepath().contains("/") ? r.audioFilepath().substring(0, r.audioFilepath().lastIndexOf('/') + 1) : "";
        String path = String.format(Locale.ROOT, "%s%s.r%d-%d.flac", dir, r.id(), Math.round(start * 1000), Math.round(end * 1000));
        double s = Math.round(start * 1000) / 1000.0;
        double e = Math.round(end * 1000) / 1000.0;
        return r.withClip(path, Math.round((e - s) * 1000) / 1000.0, s, e);
    }

    /** Removes the clips cut for earlier corrections of a segment, but {@code keep}. */
    private static void removeOtherCuts(Path nextTo, String id, Path keep) {
        Path dir = nextTo.getParent();
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(id + ".r") && name.matches(java.util.regex.Pattern.quote(id) + "\\.r\\d+-\\d+\\.flac")
                        && !p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) {
        if (!Files.isRegularFile(from)) return;
        try {
            org.samtal.util.AtomicFiles.createDirectories(to.getParent());
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("moving " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
