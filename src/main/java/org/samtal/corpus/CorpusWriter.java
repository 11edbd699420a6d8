package org.samtal.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.samtal.media.ClipFormat;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.text.SpeakerIds;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;
import org.samtal.util.Version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The corpus stage: writes a recording's clips, the recording with its provenance (once) and its clips' lines,
 * remembers which recordings are done (so a rerun skips them), and assembles {@code manifest.jsonl}, where each
 * clip's line is joined to its recording's provenance ({@link #row}). Every file is written atomically,
 * where {@link CorpusStore} says.
 */
public final class CorpusWriter {
    private final CorpusStore store;
    private final Path root;
    private final Media media;
    private final ClipFormat format;
    private final ObjectMapper json = Json.mapper();
    private final ObjectWriter lineWriter;

    public CorpusWriter(Path root, Media media, ClipFormat format) {
        this.store = CorpusStore.at(root);
        this.root = root;
        this.media = media;
        this.format = format;
        this.lineWriter = json.writer();
    }

    public Path root() {
        return root;
    }

    /** The layout of the corpus written into. */
    public CorpusStore store() {
        return store;
    }

    public Path manifest() {
        return store.manifest();
    }

    /** {@code rejected.jsonl}: the segments the filters left out. */
    public Path rejected() {
        return store.rejected();
    }

    /** Scratch space for decoded audio. */
    public Path workDir() {
        return store.workDir();
    }

    /**
     * Removes what a killed build left behind: decoded audio and synthetic speech in the work folder (gigabytes for
     * long recordings) and the temp files of unfinished atomic writes. Only under the corpus's lock, so no other
     * build is using them (the review server decodes elsewhere).
     *
     * @return bytes removed
     */
    public long removeLeftovers() {
        long bytes = 0;
        try {
            if (!Files.isDirectory(root)) return 0;
            List<Path> stale = new ArrayList<>();
            if (Files.isDirectory(workDir())) {
                try (Stream<Path> files = Files.walk(workDir())) {
                    files.filter(Files::isRegularFile).forEach(stale::add);
                }
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.getFileName().toString().startsWith(".tmp-")
                        || p.getFileName().toString().matches("\\.shard.*\\.tar")).filter(Files::isRegularFile).forEach(stale::add);
            }
            for (Path p : new java.util.LinkedHashSet<>(stale)) {
                long size = Files.size(p);
                if (Files.deleteIfExists(p)) bytes += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing what an interrupted build left in " + root + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * Where the clip of a segment validators rejected is kept: out of the published corpus, but at hand should the
     * decision change.
     */
    public Path held(String audioFilepath) {
        return store.held(audioFilepath);
    }

    private Path partsDir() {
        return store.partsDir();
    }

    /**
     * A finished recording (Lhotse's recording) with its provenance, written once, after its clips: what it was
     * built from, by whom it was delivered and on which terms. Its clips point to it by id.
     *
     * @param recordingId  recording id
     * @param sourceSha256 hash of the delivered media
     * @param transcriptSha256 hash of the delivered transcript
     * @param configHash   hash of the build settings that shape segments
     * @param language     the language it was built in (a submission may change it)
     * @param segments     number of segments written
     * @param input        the delivered media file it was built from (so later builds and exports that do not
     *                     have it among their inputs can still cut from it); null in markers of older builds
     * @param source       the delivered media file's name; null in markers of builds that repeated the provenance
     *                     on every clip line instead
     * @param transcript   the delivered transcript file's name, or null
     * @param track        open or private (from the submission), or null when undeclared
     * @param partner      partner id (from the submission)
     * @param submission   delivery id (from the submission)
     * @param licence      the delivery's licence (SPDX id)
     * @param samtalVersion the samtal version that made the clips
     */
    public record DoneMarker(String recordingId, String sourceSha256, String transcriptSha256, String configHash,
                             String language, int segments, String input, String source, String transcript,
                             String track, String partner, String submission, String licence, String samtalVersion) {
        /** What the build knows when it has cut a recording; the provenance is added when it is written. */
        public DoneMarker(String recordingId, String sourceSha256, String transcriptSha256, String configHash,
                          String language, int segments, String input) {
            this(recordingId, sourceSha256, transcriptSha256, configHash, language, segments, input, null, null, null,
                    null, null, null, null);
        }

        /** The same recording with where it came from. */
        DoneMarker withProvenance(Path sourceFile, Path transcriptFile, org.samtal.intake.WorkItem.Delivery delivery) {
            return new DoneMarker(recordingId, sourceSha256, transcriptSha256, configHash, language, segments, input,
                    sourceFile.getFileName().toString(), transcriptFile == null ? null : transcriptFile.getFileName().toString(),
                    delivery == null ? null : delivery.track(), delivery == null ? null : delivery.partner(),
                    delivery == null ? null : delivery.submission(), delivery == null ? null : delivery.licence(),
                    Version.current());
        }

        /** Whether the provenance is here (else each line of the recording's part carries it, as older builds wrote). */
        boolean holdsProvenance() {
            return source != null;
        }
    }

    /**
     * The recordings the corpus holds: those whose build completed (a done marker beside their part), whatever
     * build or delivery brought them. A corpus grows delivery by delivery, so this, not one build's inputs, is
     * what the manifest and the formats are made of.
     */
    public Set<String> recordings() {
        Set<String> ids = new java.util.TreeSet<>();
        if (!Files.isDirectory(partsDir())) return ids;
        try (Stream<Path> parts = Files.list(partsDir())) {
            for (Path p : parts.toList()) {
                String id = CorpusStore.recordingOfMarker(p.getFileName().toString());
                if (id != null && Files.isRegularFile(store.clipsPart(id))) ids.add(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the recordings of " + root + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /** The delivered media file of each recording of the corpus whose done marker names it. */
    public Map<String, Path> sources() {
        Map<String, Path> sources = new java.util.TreeMap<>();
        for (String id : recordings()) {
            try {
                DoneMarker m = json.readValue(store.recordingPart(id).toFile(), DoneMarker.class);
                if (m.input() != null) sources.put(id, Path.of(m.input()));
            } catch (IOException e) {
                // an unreadable marker: the recording is rebuilt when delivered again; no source until then
            }
        }
        return sources;
    }

    /** The marker of a recording built before, if it is complete and its clips are all present. */
    public DoneMarker finished(String recordingId) {
        Path marker = store.recordingPart(recordingId);
        if (!Files.isRegularFile(marker) || !Files.isRegularFile(store.clipsPart(recordingId))) return null;
        try {
            DoneMarker m = json.readValue(marker.toFile(), DoneMarker.class);
            for (ManifestRow row : readPart(recordingId)) {
                if (!Files.isRegularFile(store.file(row.audioFilepath())) && !Files.isRegularFile(held(row.audioFilepath()))) return null;
            }
            return m;
        } catch (IOException e) {
            return null; // unreadable marker: build the recording again
        }
    }

    /**
     * Writes one recording's clips and manifest lines, then its done marker.
     *
     * @return the rows written
     */
    public List<ManifestRow> writeRecording(Recording rec, Path transcript, List<Segment> segments, DecodedAudio audio,
                                            DoneMarker marker, org.samtal.intake.WorkItem.Delivery delivery,
                                            Map<String, List<double[]>> silences) {
        Path clipDir = store.clipsOf(rec.id());
        DoneMarker recording = marker.withProvenance(rec.source(), transcript, delivery);
        List<ClipEntry> clips = new ArrayList<>();
        Set<Path> written = new HashSet<>();
        List<Path> flush = new ArrayList<>();
        for (Segment s : segments) {
            // cut on the millisecond the manifest says (it keeps three decimals): at 16 kHz the clip then starts and
            // ends on exactly those samples, where the unrounded time put it up to half a millisecond off
            long from = audio.sampleAt(Math.round(s.start() * 1000) / 1000.0);
            long to = audio.sampleAt(Math.round(s.end() * 1000) / 1000.0);
            if (to <= from) continue;
            Path clip = clipDir.resolve(s.id() + "." + format.extension());
            List<long[]> quiet = new ArrayList<>();
            for (double[] q : silences.getOrDefault(s.id(), List.of())) {
                quiet.add(new long[]{audio.sampleAt(q[0]) - from, audio.sampleAt(q[1]) - from});
            }
            media.writeClip(audio, s.channel(), from, to, clip, format, quiet, false);
            written.add(clip.getFileName());
            flush.add(clip);
            var speaker = delivery == null ? null : delivery.speakers().get(s.speaker());
            // one id, one person: "speaker-1" of two recordings are two people, "Anna" of two deliveries too
            String speakerId = SpeakerIds.scoped(s.speaker(), rec.id(), delivery == null ? null
                    : String.join("-", java.util.stream.Stream.of(delivery.partner(), delivery.submission())
                    .filter(java.util.Objects::nonNull).toList()), speaker != null && Boolean.TRUE.equals(speaker.global()));
            clips.add(ClipEntry.cut(s, rec.id(), store.relative(clip), from, to, audio.sampleRate(), speakerId, speaker));
        }
        try {
            // clips of an earlier build of this recording that this build did not produce are stale
            if (Files.isDirectory(clipDir)) {
                try (Stream<Path> old = Files.list(clipDir)) {
                    for (Path p : old.toList()) if (!written.contains(p.getFileName())) Files.deleteIfExists(p);
                }
            }
            // the clips flushed to disk at once, before the parts and the marker that say they are complete: a
            // flush per clip cost a disk round trip each (a third of clip writing, more with workers at once),
            // and a power cut before the marker only means the recording is built again
            AtomicFiles.sync(flush);
            writeLines(store.clipsPart(rec.id()), clips);
            // the recording last: it says the recording is complete
            AtomicFiles.write(store.recordingPart(rec.id()), out -> out.write(json.writeValueAsBytes(recording)));
        } catch (IOException e) {
            throw new UncheckedIOException("writing manifest of " + rec.id() + ": " + e.getMessage(), e);
        }
        return clips.stream().map(c -> row(recording, c)).toList();
    }

    /**
     * Writes the rows of one recording's segments the filters left out (before its done marker, so a finished
     * recording's rejected rows are complete).
     */
    public void writeRejected(String recordingId, List<RejectedRow> rows) {
        writeLines(store.rejectedPart(recordingId), rows);
    }

    /**
     * The rejected rows of the given recordings, sorted by id. Read them before {@link #remove} removes the parts
     * of recordings taken out of the corpus.
     */
    public List<RejectedRow> rejectedRows(Set<String> recordingIds) {
        Map<String, RejectedRow> rows = new java.util.TreeMap<>();
        for (String id : recordingIds) {
            Path part = store.rejectedPart(id);
            if (!Files.isRegularFile(part)) continue;
            try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        RejectedRow row = json.readValue(line, RejectedRow.class);
                        rows.put(row.id(), row);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + part + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** Writes {@code rejected.jsonl} (atomically), sorted by id. */
    public void writeRejectedList(List<RejectedRow> rows) {
        List<RejectedRow> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(RejectedRow::id));
        writeLines(rejected(), sorted);
    }

    private void writeLines(Path file, List<?> rows) {
        try {
            AtomicFiles.write(file, out -> {
                for (Object r : rows) {
                    out.write(lineWriter.writeValueAsBytes(r));
                    out.write('\n');
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rows the build made for the given recordings (sorted by id), from their parts. Nothing is removed: a
     * corpus loses recordings only through {@link #remove}.
     */
    public List<ManifestRow> assemble(Set<String> recordingIds) {
        try {
            Map<String, ManifestRow> rows = new java.util.TreeMap<>();
            for (String id : recordingIds) {
                if (!Files.isRegularFile(store.clipsPart(id))) continue;
                for (ManifestRow r : readPart(id)) rows.put(r.id(), r);
            }
            return new ArrayList<>(rows.values());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the parts of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rows the build made for the recordings of an existing corpus (those its build report lists as built), or,
     * for a corpus without its work files, its {@code manifest.jsonl}. Export starts from these, so validators'
     * decisions are applied to what the build made, not to what an earlier application left.
     */
    public List<ManifestRow> builtRows() throws IOException {
        // every recording of the corpus, from every build into it (a build report lists only its own inputs)
        Set<String> ids = recordings();
        if (Files.isRegularFile(store.report()) && !ids.isEmpty()) {
            Map<String, ManifestRow> rows = new java.util.TreeMap<>();
            for (String id : ids) for (ManifestRow r : readPart(id)) rows.put(r.id(), r);
            return new ArrayList<>(rows.values());
        }
        return readRows(manifest());
    }

    /** Writes {@code manifest.jsonl} (atomically), sorted by id. */
    public void writeManifest(List<ManifestRow> rows) {
        List<ManifestRow> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(ManifestRow::id));
        writeLines(manifest(), sorted);
    }

    /**
     * Takes recordings out of the corpus: their parts (done marker first, so a crash midway leaves the recording
     * unfinished rather than half there), clips and duplicate-index entry. Only for what the user asked removed
     * ({@code --prune}) or what this build of the same recording replaced.
     */
    public void remove(Set<String> recordingIds) {
        try {
            for (String id : recordingIds) {
                for (Path part : List.of(store.recordingPart(id), store.clipsPart(id), store.rejectedPart(id))) Files.deleteIfExists(part);
                Files.deleteIfExists(store.indexEntry(id));
                Path clips = store.clipsOf(id);
                if (Files.isDirectory(clips)) {
                    try (Stream<Path> cs = Files.list(clips)) {
                        for (Path c : cs.toList()) Files.deleteIfExists(c);
                    }
                    Files.deleteIfExists(clips);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing recordings from " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * A clip's line joined to its recording's provenance: the one place a row is assembled, when the manifest or a
     * format is written.
     */
    static ManifestRow row(DoneMarker recording, ClipEntry c) {
        return new ManifestRow(c.id(), c.audioFilepath(), c.duration(), c.text(), c.textNormalized(), c.lang(), c.speaker(),
                c.recordingId(), c.start(), c.end(), c.speechStart(), c.speechEnd(), c.channel(), c.aligner(), c.score(),
                recording.source(), recording.sourceSha256(), recording.transcript(), c.charStart(), c.charEnd(),
                c.metrics(), c.asrText(), c.events(), c.flags(), c.langDetected(), c.gender(), c.ageRange(), c.dialect(),
                recording.track(), recording.partner(), recording.submission(), recording.samtalVersion(),
                recording.configHash(), null, c.words());
    }

    /**
     * The rows of one finished recording: its clips joined to its provenance. A part an older build wrote carries
     * the provenance on every line and is read as it is.
     */
    private List<ManifestRow> readPart(String recordingId) throws IOException {
        DoneMarker recording = json.readValue(store.recordingPart(recordingId).toFile(), DoneMarker.class);
        if (!recording.holdsProvenance()) return readRows(store.clipsPart(recordingId));
        List<ManifestRow> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(store.clipsPart(recordingId), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) rows.add(row(recording, json.readValue(line, ClipEntry.class)));
            }
        }
        return rows;
    }

    /** Reads a manifest file. */
    public List<ManifestRow> readRows(Path file) throws IOException {
        return CorpusStore.readRows(file);
    }
}
