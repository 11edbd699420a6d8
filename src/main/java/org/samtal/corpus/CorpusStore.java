package org.samtal.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The layout of one corpus folder: every path samtal reads or writes under the corpus root and under its
 * {@code .samtal/} folder is named here and nowhere else, together with the folder's two rules: owner-only rights
 * for a private corpus and one writer at a time.
 *
 * <pre>
 * ROOT/manifest.jsonl                    one line per clip, sorted by id
 * ROOT/rejected.jsonl                    the segments the filters left out, sorted by id
 * ROOT/build-report.json                 what the last build did, with its settings
 * ROOT/clips/REC/SEG.flac                the clips
 * ROOT/card.json, card.md, plots/        the dataset card
 * ROOT/SHA256SUMS                        the checksum of every published file
 * ROOT/nemo/, kaldi/, lhotse/, ...       the formats (each format's layout is its own)
 * ROOT/.samtal/parts/REC.done            the recording with its provenance (source, checksums, partner, licence
 *                                        track, settings hash), written once, last: the recording is complete
 * ROOT/.samtal/parts/REC.jsonl           the recording's clips, one line each, pointing to it by recording_id
 * ROOT/.samtal/parts/REC.rejected.jsonl  the recording's segments the filters left out
 * ROOT/.samtal/index/REC.json            the recording's fingerprints, for finding copies
 * ROOT/.samtal/clip-groups/KEY.json      the outcome of a clip table's group
 * ROOT/.samtal/held/clips/REC/SEG.flac   clips validators rejected, kept out of the corpus
 * ROOT/.samtal/work/                     scratch space for decoded audio
 * ROOT/.samtal/review.sqlite             validators' decisions
 * ROOT/.samtal/review/context/, work/    the review server's context audio and its scratch space
 * ROOT/.samtal/lock                      held by the one process writing into the corpus
 * ROOT/.samtal/checksums.cache           the published files' hashes by their identity on this machine
 * ROOT/.samtal/owner-only                marks a private corpus: everything under ROOT is its owner's only
 * </pre>
 *
 * <p>Nothing under {@code .samtal/} is published: checksums and formats leave it out.
 */
public final class CorpusStore {
    /** samtal's own folder in a corpus, relative to its root. */
    public static final String OWN = ".samtal";
    /** The manifest's name, relative to the root. */
    public static final String MANIFEST = "manifest.jsonl";
    /** The review database, relative to the root of the corpus (or build folder) under review. */
    public static final String REVIEW_DATABASE = OWN + "/review.sqlite";
    /** The lock file, relative to the root. */
    public static final String LOCK = OWN + "/lock";
    /** The build report's name. */
    public static final String REPORT = "build-report.json";
    /** The checksums' file name. */
    public static final String CHECKSUMS = "SHA256SUMS";

    private static final String DONE = ".done";
    private static final String CLIPS_PART = ".jsonl";
    private static final String REJECTED_PART = ".rejected.jsonl";

    private final Path root;

    private CorpusStore(Path root) {
        this.root = root;
    }

    /** The store of the corpus in {@code root} (nothing is created until something is written). */
    public static CorpusStore at(Path root) {
        return new CorpusStore(root);
    }

    public Path root() {
        return root;
    }

    /** {@code manifest.jsonl}: one line per clip. */
    public Path manifest() {
        return root.resolve(MANIFEST);
    }

    /** {@code rejected.jsonl}: the segments the filters left out. */
    public Path rejected() {
        return root.resolve("rejected.jsonl");
    }

    /** The build report. */
    public Path report() {
        return root.resolve(REPORT);
    }

    /** The folder of one output format ({@code nemo}, {@code kaldi}, ...). */
    public Path format(String name) {
        return root.resolve(name);
    }

    /** The card's plots. */
    public Path plots() {
        return root.resolve("plots");
    }

    /** The folder of every recording's clips. */
    public Path clips() {
        return root.resolve("clips");
    }

    /** A file the manifest names by its path relative to the root (a clip). */
    public Path file(String relative) {
        return root.resolve(relative);
    }

    /** The dataset card, as JSON. */
    public Path cardJson() {
        return root.resolve("card.json");
    }

    /** The dataset card, as Markdown. */
    public Path cardMarkdown() {
        return root.resolve("card.md");
    }

    /** {@code SHA256SUMS}: the checksum of every published file. */
    public Path checksums() {
        return root.resolve(CHECKSUMS);
    }

    /** Whether the corpus has its manifest, i.e. has been built. */
    public boolean built() {
        return Files.isRegularFile(manifest());
    }

    /** The rows of {@code manifest.jsonl}. */
    public List<ManifestRow> readManifest() throws IOException {
        return readRows(manifest());
    }

    /** Reads a file of manifest lines. */
    public static List<ManifestRow> readRows(Path file) throws IOException {
        ObjectMapper json = Json.mapper();
        List<ManifestRow> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) rows.add(json.readValue(line, ManifestRow.class));
            }
        }
        return rows;
    }

    /** The folder of one recording's clips. */
    public Path clipsOf(String recordingId) {
        return clips().resolve(recordingId);
    }

    /** A path relative to the root as manifests write it (forward slashes on every system). */
    public String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Whether a path relative to the root is samtal's own (never published, never checksummed). */
    public static boolean isOwn(String relative) {
        return relative.equals(OWN) || relative.startsWith(OWN + "/");
    }

    /** The published files' hashes by their identity on this machine ({@link Checksums}); never published. */
    public Path checksumCache() {
        return own().resolve("checksums.cache");
    }

    /** samtal's own folder. */
    public Path own() {
        return root.resolve(OWN);
    }

    /** Scratch space for decoded audio. */
    public Path workDir() {
        return own().resolve("work");
    }

    /** Where the clip of a segment validators rejected is kept: out of the published corpus, at hand should it return. */
    public Path held(String audioFilepath) {
        return own().resolve("held").resolve(audioFilepath);
    }

    /** The folder of the recordings' parts. */
    public Path partsDir() {
        return own().resolve("parts");
    }

    /** A recording's done marker: the recording with its provenance, written last. */
    public Path recordingPart(String recordingId) {
        return partsDir().resolve(recordingId + DONE);
    }

    /** A recording's clips, one line each. */
    public Path clipsPart(String recordingId) {
        return partsDir().resolve(recordingId + CLIPS_PART);
    }

    /** A recording's rejected segments. */
    public Path rejectedPart(String recordingId) {
        return partsDir().resolve(recordingId + REJECTED_PART);
    }

    /** The recording id of a done marker's file name, or {@code null} for any other file of the parts folder. */
    static String recordingOfMarker(String fileName) {
        if (fileName.startsWith(".tmp-") || !fileName.endsWith(DONE)) return null;
        return fileName.substring(0, fileName.length() - DONE.length());
    }

    /** The folder of the duplicate index. */
    public Path indexDir() {
        return own().resolve("index");
    }

    /** A recording's entry in the duplicate index. */
    public Path indexEntry(String recordingId) {
        return indexDir().resolve(recordingId + ".json");
    }

    /** The record of a clip table's group (its key names the group's clips and settings). */
    public Path clipGroupRecord(String key) {
        return own().resolve("clip-groups").resolve(key + ".json");
    }

    /** The review database. */
    public Path reviewDatabase() {
        return root.resolve(REVIEW_DATABASE);
    }

    /** The review server's cache of context audio. */
    public Path reviewContext() {
        return own().resolve("review").resolve("context");
    }

    /** The review server's scratch space for decoded audio. */
    public Path reviewWork() {
        return own().resolve("review").resolve("work");
    }

    /** The lock file. */
    public Path lockFile() {
        return root.resolve(LOCK);
    }

    /**
     * Makes the corpus its owner's only, before anything confidential is written into it (see
     * {@link AtomicFiles#createOwnerOnly}).
     */
    public void makeOwnerOnly() throws IOException {
        AtomicFiles.createOwnerOnly(root);
    }

    /** Whether what is written into the corpus is its owner's only. */
    public boolean ownerOnly() {
        return AtomicFiles.ownerOnly(root);
    }

    /**
     * Takes the corpus's lock: one writer at a time.
     *
     * @see CorpusLock#acquire
     */
    public CorpusLock lock(String command, boolean wait, Consumer<String> waiting) {
        return CorpusLock.acquire(root, command, wait, waiting);
    }
}
