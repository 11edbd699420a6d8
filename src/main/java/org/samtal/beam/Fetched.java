package org.samtal.beam;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.samtal.corpus.CorpusStore;
import org.samtal.corpus.CorpusWriter;
import org.samtal.intake.WorkItem;
import org.samtal.run.RecordingOutcome;
import org.samtal.storage.Storage;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A unit of work's files on the worker that builds it: those delivered on shared storage are copied to local
 * temporary files first (FFmpeg decodes a local file; the decoded audio never travels), with their names kept, so
 * recording ids, clip names and manifests are those of a local build. What the build reports of them names their
 * shared locations.
 */
final class Fetched implements AutoCloseable {
    private final List<WorkItem> items;
    /** Local path → shared location, longest first (so no path is replaced inside a longer one). */
    private final Map<String, String> names;
    private final Path dir;
    /** Why a shared file could not be fetched, by its location. */
    private final Map<String, String> unread = new java.util.HashMap<>();

    private Fetched(List<WorkItem> items, Map<String, String> names, Path dir) {
        this.items = items;
        this.names = names;
        this.dir = dir;
    }

    /**
     * Copies the task's shared files here.
     *
     * @throws UncheckedIOException naming the location that could not be read
     */
    static Fetched of(Elements.Task task) {
        List<WorkItem> items = task.workItems();
        if (task.locations().isEmpty()) return new Fetched(items, Map.of(), null);
        Map<String, String> names = new java.util.TreeMap<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        names.putAll(task.locations());
        Path dir;
        try {
            dir = Files.createTempDirectory("samtal-fetch-");
        } catch (IOException e) {
            throw new UncheckedIOException("making a folder for the delivered files: " + e.getMessage(), e);
        }
        List<WorkItem> local = new ArrayList<>();
        Fetched fetched = new Fetched(local, names, dir);
        Map<Path, Path> copies = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            WorkItem w = items.get(i);
            Path folder = dir.resolve(String.valueOf(i));
            Path media = fetched.copy(w.media(), folder, copies);
            Path transcript = w.transcript() == null ? null : fetched.copy(w.transcript(), folder, copies);
            local.add(new WorkItem(media, transcript, w.delivery(), w.refused(), w.listed()));
        }
        return fetched;
    }

    /** The file's local copy (fetched once however many items name it), or the file itself when it is local. */
    private Path copy(Path file, Path folder, Map<Path, Path> copies) {
        String location = names.get(file.toString());
        if (location == null) return file;
        return copies.computeIfAbsent(file, f -> {
            Path local = folder.resolve(f.getFileName().toString()).toAbsolutePath();
            names.put(local.toString(), location);
            try {
                Storage.fetch(location, local);
            } catch (IOException e) {
                // a file that cannot be fetched fails its recording, not the build: its outcome says why (named)
                unread.put(location, String.valueOf(e.getMessage()));
                try {
                    Files.deleteIfExists(local);
                } catch (IOException ignored) {
                    // nothing fetched, nothing to remove
                }
            }
            return local;
        });
    }

    /** The items to build, their shared files replaced by local copies. */
    List<WorkItem> items() {
        return items;
    }

    /**
     * An outcome as it names the files: their shared locations; a recording failed because a file could not be
     * fetched says so.
     */
    RecordingOutcome named(RecordingOutcome o) {
        if (names.isEmpty()) return o;
        String json = Wire.write(o);
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        for (var e : names.entrySet()) {
            json = json.replace(new String(enc.quoteAsString(e.getKey())), new String(enc.quoteAsString(e.getValue())));
        }
        RecordingOutcome named = Wire.read(json, RecordingOutcome.class);
        if (!named.status().equals(RecordingOutcome.FAILED)) return named;
        for (String file : java.util.Arrays.asList(named.input(), named.transcript())) {
            if (file != null && unread.containsKey(file)) {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(named);
                node.put("message", file + ": cannot be read from shared storage (" + unread.get(file)
                        + "); check that it is there and that this worker may read it");
                return Wire.read(node.toString(), RecordingOutcome.class);
            }
        }
        return named;
    }

    /**
     * The done marker of a recording built from a shared file names that file, not its local copy (it is where
     * formats that go back to the delivered media look, and the copy is gone).
     */
    void nameSource(CorpusWriter writer, RecordingOutcome o) {
        if (names.isEmpty() || o.recordingId() == null || !o.status().equals(RecordingOutcome.OK)) return;
        Path part = CorpusStore.at(writer.root()).recordingPart(o.recordingId());
        try {
            if (!Files.isRegularFile(part)) return;
            CorpusWriter.DoneMarker m = Json.mapper().readValue(part.toFile(), CorpusWriter.DoneMarker.class);
            String location = m.input() == null ? null : names.get(m.input());
            if (location == null) return;
            CorpusWriter.DoneMarker named = new CorpusWriter.DoneMarker(m.recordingId(), m.sourceSha256(),
                    m.transcriptSha256(), m.configHash(), m.language(), m.segments(), location, m.source(), m.transcript(),
                    m.track(), m.partner(), m.submission(), m.licence(), m.samtalVersion());
            AtomicFiles.write(part, out -> out.write(Json.mapper().writeValueAsBytes(named)));
        } catch (IOException e) {
            throw new UncheckedIOException("naming the source of " + o.recordingId() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the local copies. */
    @Override
    public void close() {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind: the system's cleaner takes it
        }
    }
}
