package org.samtal.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.storage.Storage;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A corpus on shared storage ({@code s3://bucket/corpus}), in {@link CorpusStore}'s layout, reached through Beam's
 * {@code FileSystems}. Nothing is built there: a worker builds into a local staging folder of the same layout and
 * {@link #publish}es what it wrote (each file to a temporary name, then renamed; a recording's done marker last), and
 * the assembly {@link #mirror}s the corpus into a staging folder, assembles it there as on a disk and {@link #sync}s
 * it back. Its lock is an object, {@code .samtal/lock} ({@link #lock}).
 */
public final class RemoteCorpus {
    /** The layout's paths relative to the root. */
    private static final CorpusStore LAYOUT = CorpusStore.at(Path.of(""));
    /** How long a build waits after writing the lock object before reading it back (longer than check-to-write). */
    private static final long SETTLE_MILLIS = 1000;
    private static final long POLL_MILLIS = 2000;

    private final String root;

    private RemoteCorpus(String root) {
        this.root = root.replaceAll("/+$", "");
    }

    /** The corpus at a location of shared storage. */
    public static RemoteCorpus at(String location) {
        return new RemoteCorpus(location);
    }

    /** Its location. */
    public String location() {
        return root;
    }

    /** The location of a file of the layout ({@code CorpusStore.at(Path.of("")).manifest()}, say). */
    public String location(Path relative) {
        return Storage.child(root, slashes(relative));
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /**
     * Files no build publishes or reads back: decoding scratch, the lock, the review server's caches, the checksums'
     * cache (it knows files by their identity on one machine), and files being written (their temporary names).
     */
    static boolean scratch(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return name.startsWith(Storage.TEMP_PREFIX) || relative.equals(CorpusStore.LOCK)
                || relative.equals(slashes(LAYOUT.checksumCache()))
                || relative.startsWith(slashes(LAYOUT.workDir()) + "/") || relative.startsWith(CorpusStore.OWN + "/review/");
    }

    /** Every file of the corpus (scratch left out), by its path relative to the root, with its size. */
    private Map<String, Long> files() throws IOException {
        Map<String, Long> all = Storage.list(root);
        all.keySet().removeIf(RemoteCorpus::scratch);
        return all;
    }

    /** The recordings the corpus holds: a done marker beside their clips' part ({@link CorpusWriter#recordings}). */
    public Set<String> recordings() {
        Set<String> ids = new TreeSet<>();
        try {
            Map<String, Long> parts = Storage.list(location(LAYOUT.partsDir()));
            for (String name : parts.keySet()) {
                String id = name.contains("/") ? null : CorpusStore.recordingOfMarker(name);
                if (id != null && parts.containsKey(LAYOUT.partsDir().relativize(LAYOUT.clipsPart(id)).toString())) ids.add(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the recordings of " + root + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /** Removes the temporary files an interrupted build left; returns their bytes. */
    public long removeLeftovers() {
        try {
            Map<String, Long> all = Storage.list(root);
            List<String> leftovers = new ArrayList<>();
            long bytes = 0;
            for (var e : all.entrySet()) {
                String rel = e.getKey();
                if (rel.substring(rel.lastIndexOf('/') + 1).startsWith(Storage.TEMP_PREFIX)) {
                    leftovers.add(Storage.child(root, rel));
                    bytes += e.getValue();
                }
            }
            Storage.delete(leftovers);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("removing the temporary files of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes what a worker built into its staging folder and empties it: every file but the scratch, a
     * recording's clips and parts before its done marker; the earlier marker of a recording built again goes first,
     * so it reads as incomplete until its new files are all there, and its clips this build did not cut go.
     */
    public void publish(Path staging) {
        try {
            Map<String, Path> staged = staged(staging);
            List<String> markers = new ArrayList<>();
            for (String rel : staged.keySet()) if (marker(rel) != null) markers.add(rel);
            for (String rel : markers) {
                String id = marker(rel);
                String clips = slashes(LAYOUT.clipsOf(id)) + "/";
                List<String> stale = new ArrayList<>(List.of(Storage.child(root, rel)));
                for (String old : Storage.list(location(LAYOUT.clipsOf(id))).keySet()) {
                    if (!staged.containsKey(clips + old)) stale.add(Storage.child(root, clips + old));
                }
                Storage.delete(stale);
            }
            List<String> order = new ArrayList<>(staged.keySet());
            order.sort(Comparator.comparing((String rel) -> marker(rel) != null).thenComparing(rel -> !rel.startsWith("clips/"))
                    .thenComparing(Comparator.naturalOrder()));
            for (String rel : order) Storage.publish(staged.get(rel), Storage.child(root, rel));
            for (Path p : staged.values()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing to " + root + ": " + e.getMessage(), e);
        }
    }

    /** The recording id of a done marker's path relative to the root, else {@code null}. */
    private static String marker(String relative) {
        String dir = slashes(LAYOUT.partsDir()) + "/";
        if (!relative.startsWith(dir) || relative.indexOf('/', dir.length()) >= 0) return null;
        return CorpusStore.recordingOfMarker(relative.substring(dir.length()));
    }

    /** The files of a local staging folder (scratch left out), by their path relative to it. */
    private static Map<String, Path> staged(Path staging) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(staging)) return files;
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = slashes(staging.relativize(f));
                if (!scratch(rel)) files.put(rel, f);
            }
        }
        return files;
    }

    /**
     * What the resume check needs of one recording, in a local folder of the corpus's layout: its done marker and
     * clips' part, and an empty stand-in for each of its clips the corpus holds (the check asks only whether they are
     * there; the clips themselves stay where they are).
     */
    public void fetchRecording(String recordingId, Path local) {
        try {
            Storage.fetchIfExists(location(LAYOUT.recordingPart(recordingId)), local.resolve(LAYOUT.recordingPart(recordingId)));
            Storage.fetchIfExists(location(LAYOUT.clipsPart(recordingId)), local.resolve(LAYOUT.clipsPart(recordingId)));
            for (Path folder : List.of(LAYOUT.clipsOf(recordingId), LAYOUT.held(slashes(LAYOUT.clipsOf(recordingId))))) {
                for (String clip : Storage.list(location(folder)).keySet()) {
                    Path standIn = local.resolve(folder).resolve(clip);
                    Files.createDirectories(standIn.getParent());
                    if (!Files.exists(standIn)) Files.createFile(standIn);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + recordingId + " of " + root + ": " + e.getMessage(), e);
        }
    }

    /** The duplicate index into a local folder of the corpus's layout (the fingerprints copies are looked for among). */
    public void fetchIndex(Path local) {
        try {
            for (String rel : Storage.list(location(LAYOUT.indexDir())).keySet()) {
                Storage.fetch(Storage.child(location(LAYOUT.indexDir()), rel), local.resolve(LAYOUT.indexDir()).resolve(rel));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the duplicate index of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the corpus into a local staging folder for its assembly: every file but the scratch and the formats
     * the assembly rewrites whole (the clips come too: formats link them and the checksums cover them).
     *
     * @param rewritten the formats the assembly writes
     * @return what was fetched, to tell what the assembly changed ({@link #sync})
     */
    public Map<String, Object> mirror(Path staging, Collection<String> rewritten) {
        Map<String, Object> fetched = new HashMap<>();
        try {
            for (String rel : files().keySet()) {
                String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
                if (rewritten.contains(top) && !top.equals("kaldi_sources")) continue;
                Path local = staging.resolve(rel);
                Storage.fetch(Storage.child(root, rel), local);
                fetched.put(rel, state(local));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + root + " for its assembly: " + e.getMessage(), e);
        }
        return fetched;
    }

    /** A local file's identity and state: a file written again (a new file renamed over it) has another. */
    private static Object state(Path local) throws IOException {
        BasicFileAttributes a = Files.readAttributes(local, BasicFileAttributes.class);
        return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toMillis());
    }

    /**
     * Publishes what the assembly changed in its staging folder, the manifests and the card after the formats and
     * the checksums last, then removes from the corpus what the assembly removed (recordings left out, files of
     * formats written anew).
     *
     * @param fetched what {@link #mirror} fetched
     */
    public void sync(Path staging, Map<String, Object> fetched) {
        try {
            Map<String, Path> staged = staged(staging);
            List<String> changed = new ArrayList<>();
            for (var e : staged.entrySet()) {
                if (!Objects.equals(fetched.get(e.getKey()), state(e.getValue()))) changed.add(e.getKey());
            }
            changed.sort(Comparator.comparing((String rel) -> rel.equals(CorpusStore.CHECKSUMS))
                    .thenComparing(rel -> !rel.contains("/")).thenComparing(Comparator.naturalOrder()));
            for (String rel : changed) Storage.publish(staged.get(rel), Storage.child(root, rel));
            List<String> gone = new ArrayList<>();
            for (String rel : files().keySet()) if (!staged.containsKey(rel)) gone.add(Storage.child(root, rel));
            Storage.delete(gone);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing the assembly of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the corpus's lock object. An object store has no lock a process holds and the system frees, nor an
     * atomic create-if-absent through Beam's API: the build writes its own token and reads it back after a pause,
     * and yields to one written at the same moment. That guards against a second build started by mistake; it is
     * not a consensus lock, so the rule stays one build at a time per corpus (README, "Building on a cluster").
     *
     * @throws CorpusLock.Busy when another build holds it and {@code wait} is false
     */
    public Lock lock(String command, boolean wait, Consumer<String> waiting) {
        String file = location(LAYOUT.lockFile());
        ObjectMapper json = Json.mapper();
        String token = UUID.randomUUID().toString();
        boolean told = false;
        try {
            while (true) {
                LockObject held = read(file, json);
                if (held == null) {
                    LockObject mine = new LockObject(token, new CorpusLock.Holder(ProcessHandle.current().pid(),
                            CorpusLock.host(), command, Instant.now().toString()));
                    Storage.publish(json.writeValueAsBytes(mine), file);
                    Thread.sleep(SETTLE_MILLIS);
                    held = read(file, json);
                    if (held != null && token.equals(held.token())) return new Lock(file, token);
                }
                if (!wait) {
                    throw new CorpusLock.Busy(root + " (its lock object " + file + " stays when a build is killed: "
                            + "delete it once no build writes into the corpus)", held == null ? null : held.holder());
                }
                told = CorpusLock.waitRound(waiting, told, held == null ? null : held.holder(), root, POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of " + root, e);
        }
    }

    private static LockObject read(String file, ObjectMapper json) throws IOException {
        if (!Storage.exists(file)) return null;
        try {
            return json.readValue(Storage.read(file), LockObject.class);
        } catch (IOException e) {
            return new LockObject("", null); // unreadable: held by someone who did not say who
        }
    }

    /**
     * The content of the lock object.
     *
     * @param token  the holding build's own token
     * @param holder who holds it
     */
    record LockObject(String token, CorpusLock.Holder holder) {
    }

    /** A held lock object; closing deletes it if it is still this build's. */
    public static final class Lock implements AutoCloseable {
        private final String file;
        private final String token;

        private Lock(String file, String token) {
            this.file = file;
            this.token = token;
        }

        @Override
        public void close() {
            try {
                LockObject held = read(file, Json.mapper());
                if (held != null && token.equals(held.token())) Storage.delete(List.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException("releasing the lock " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
