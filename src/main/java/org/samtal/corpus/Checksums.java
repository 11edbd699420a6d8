package org.samtal.corpus;

import org.samtal.util.AtomicFiles;
import org.samtal.util.Hashes;
import org.samtal.util.Tasks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A corpus's {@code SHA256SUMS}, in sha256sum's format, over every published file (itself and samtal's own files
 * left out). It is written at the end of every build, on one machine, while the workers stand idle, and a corpus of
 * thousands of hours holds terabytes of clips, so each file's hash is remembered in {@code .samtal/} under the file's
 * identity (its inode, size and modification time: a file samtal writes again is a new file, renamed into place) and
 * only files not seen before are read, on all the machine's cores. A clip linked into a format's folder is one
 * file and is read once.
 */
public final class Checksums {
    private final Path root;
    private final CorpusStore store;

    public Checksums(Path root) {
        this.root = root;
        this.store = CorpusStore.at(root);
    }

    /** What the last {@link #write} did: files listed, and how many of them it had to read. */
    public record Written(int files, int read) {
    }

    /** Writes {@code SHA256SUMS} and remembers the hashes for the next build. */
    public Written write() throws IOException {
        List<String> names = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        // through symbolic links: clips/ moved to another disk and linked back is still the corpus's
        try (Stream<Path> files = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = store.relative(f);
                // samtal's own files are never published, a corpus nested in this one's (a track's) included
                if (rel.equals(CorpusStore.CHECKSUMS) || CorpusStore.isOwn(rel) || rel.contains("/" + CorpusStore.OWN + "/")
                        || f.getFileName().toString().startsWith(".")) continue;
                names.add(rel);
                identities.add(identity(f, rel));
            }
        }
        Map<String, String> known = readCache();
        Map<String, Future<String>> reading = new LinkedHashMap<>();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        ExecutorService pool = Tasks.pool("samtal-checksums", threads);
        Map<String, String> sums = new HashMap<>();
        try {
            for (int i = 0; i < names.size(); i++) {
                String id = identities.get(i);
                String sum = known.get(id);
                if (sum != null) {
                    sums.put(id, sum);
                } else if (!reading.containsKey(id)) {
                    Path f = root.resolve(names.get(i));
                    reading.put(id, pool.submit(() -> Hashes.sha256(f)));
                }
            }
            for (var e : reading.entrySet()) sums.put(e.getKey(), Tasks.result(e.getValue(), "computing checksums"));
        } finally {
            pool.shutdownNow();
        }
        StringBuilder out = new StringBuilder();
        StringBuilder cache = new StringBuilder();
        for (int i = 0; i < names.size(); i++) out.append(sums.get(identities.get(i))).append("  ").append(names.get(i)).append('\n');
        for (var e : sums.entrySet()) cache.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        AtomicFiles.writeString(store.checksums(), out.toString());
        AtomicFiles.createDirectories(store.own());
        AtomicFiles.writeString(store.checksumCache(), cache.toString());
        return new Written(names.size(), reading.size());
    }

    /**
     * The file as this machine knows it: its inode (a hard link is the same file; a file written again and renamed
     * into place is a new one), size and modification time to the nanosecond. Not the status-change time: linking a
     * clip into a format's folder, as every build does, changes it.
     */
    private static String identity(Path f, String rel) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        Object key = a.fileKey();
        return (key != null ? key.toString() : rel).replace('\t', ' ').replace('\n', ' ') + " " + a.size() + " "
                + a.lastModifiedTime().toInstant();
    }

    /** The remembered hashes by identity; none when there is no cache or it cannot be read (all are read again). */
    private Map<String, String> readCache() {
        Map<String, String> known = new HashMap<>();
        try {
            for (String line : Files.readAllLines(store.checksumCache(), StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0 && line.length() - tab - 1 == 64) known.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (NoSuchFileException e) {
            return known;
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // a damaged cache costs time, never a wrong sum
        }
        return known;
    }
}
