package org.samtal.review;

import org.samtal.corpus.BuildOrigin;
import org.samtal.corpus.CorpusStore;
import org.samtal.corpus.ManifestRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The corpora under review, read from their manifests: a single corpus, or a build folder whose tracks were built
 * into corpora of their own ({@code OUT/open}, {@code OUT/private}). Segments are looked up by corpus name and id,
 * never by path, so nothing outside the corpora's clips can be reached through it.
 */
public final class ReviewCorpus {
    private final Path reviewRoot;
    private final Map<String, Path> roots;
    private final Map<String, ReviewSegment> segments;
    private final Map<String, Map<String, Path>> sources;
    private final Map<String, Integer> audioStreams;

    private ReviewCorpus(Path reviewRoot, Map<String, Path> roots, Map<String, ReviewSegment> segments,
                         Map<String, Map<String, Path>> sources, Map<String, Integer> audioStreams) {
        this.reviewRoot = reviewRoot;
        this.roots = roots;
        this.segments = segments;
        this.sources = sources;
        this.audioStreams = audioStreams;
    }

    /**
     * Reads the corpora of a folder: the folder itself when it holds a {@code manifest.jsonl}, else each folder in
     * it that does. A track's corpus whose build folder already has a review database joins that review.
     *
     * @throws IllegalArgumentException when there is no corpus there
     */
    public static ReviewCorpus load(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Map<String, Path> roots = new LinkedHashMap<>();
        Path reviewRoot = dir;
        if (CorpusStore.at(dir).built()) {
            Optional<Corrections.Location> shared = Corrections.locate(dir).filter(l -> !l.corpus().isEmpty());
            if (shared.isPresent()) {
                reviewRoot = shared.get().reviewRoot();
                roots.put(shared.get().corpus(), dir);
            } else {
                roots.put("", dir);
            }
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> sub = Files.list(dir)) {
                for (Path p : sub.sorted().toList()) {
                    if (CorpusStore.at(p).built()) roots.put(p.getFileName().toString(), p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no corpus (no manifest.jsonl in it or in a folder in it); "
                    + "build one first (samtal build INPUT --out DIR) and review DIR");
        }
        Map<String, ReviewSegment> segments = new LinkedHashMap<>();
        Map<String, Map<String, Path>> sources = new HashMap<>();
        Map<String, Integer> streams = new HashMap<>();
        for (var e : roots.entrySet()) {
            try {
                for (ManifestRow r : CorpusStore.at(e.getValue()).readManifest()) {
                    segments.put(Verdict.key(e.getKey(), r.id()), new ReviewSegment(e.getKey(), r));
                }
                BuildOrigin origin = BuildOrigin.of(e.getValue());
                sources.put(e.getKey(), origin.sources());
                streams.put(e.getKey(), origin.audioStream());
            } catch (IOException ex) {
                throw new UncheckedIOException("reading the corpus in " + e.getValue() + ": " + ex.getMessage(), ex);
            }
        }
        return new ReviewCorpus(reviewRoot, roots, segments, sources, streams);
    }

    /** Where the review database lives. */
    public Path reviewRoot() {
        return reviewRoot;
    }

    public List<String> corpora() {
        return List.copyOf(roots.keySet());
    }

    public List<ReviewSegment> segments() {
        return new ArrayList<>(segments.values());
    }

    public Optional<ReviewSegment> segment(String corpus, String id) {
        if (corpus == null || id == null) return Optional.empty();
        return Optional.ofNullable(segments.get(Verdict.key(corpus, id)));
    }

    /** The segment's clip file. */
    public Path clip(ReviewSegment s) {
        return roots.get(s.corpus()).resolve(s.row().audioFilepath()).normalize();
    }

    /** The delivered recording a segment was cut from, if the build report names one that still exists. */
    public Optional<Path> source(ReviewSegment s) {
        Path p = sources.getOrDefault(s.corpus(), Map.of()).get(s.row().recordingId());
        return p != null && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public int audioStream(String corpus) {
        return audioStreams.getOrDefault(corpus, 0);
    }
}
