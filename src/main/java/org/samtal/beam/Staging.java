package org.samtal.beam;

import org.samtal.corpus.CorpusStore;
import org.samtal.corpus.RemoteCorpus;
import org.samtal.util.Hashes;
import org.samtal.intake.Intake;
import org.samtal.intake.WorkItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a step writes the corpus: the corpus folder itself when it is a local path (a shared mount on a cluster),
 * else a local staging folder of the same layout, of this step on this worker alone (workers share no disk), whose
 * files the step publishes to the corpus on shared storage ({@link RemoteCorpus}).
 */
final class Staging implements AutoCloseable {
    private final Path root;
    private final RemoteCorpus remote;

    private Staging(Path root, RemoteCorpus remote) {
        this.root = root;
        this.remote = remote;
    }

    static Staging of(BuildConfig config) {
        if (!config.shared()) return new Staging(config.corpus(), null);
        try {
            return new Staging(Files.createTempDirectory("samtal-staging-"), RemoteCorpus.at(config.out()));
        } catch (IOException e) {
            throw new UncheckedIOException("making a staging folder for " + config.out() + ": " + e.getMessage(), e);
        }
    }

    /** The folder the step's corpus writer writes into. */
    Path root() {
        return root;
    }

    /** The corpus on shared storage, or {@code null} when the corpus is a local folder. */
    RemoteCorpus remote() {
        return remote;
    }

    /**
     * Brings what the resume check reads of a recording from the shared corpus: its marker, its part and whether
     * its clips are there (nothing for a local corpus, which the check reads itself).
     */
    void resumeState(WorkItem item, boolean force) {
        if (remote == null || force || item.refused() != null || item.transcript() == null || item.listed() != null) return;
        String id;
        try {
            id = Intake.recordingId(item.media(), Hashes.sha256(item.media()));
        } catch (RuntimeException e) {
            return; // unreadable: its build says what is wrong
        }
        remote.fetchRecording(id, root);
    }

    /** Publishes what was written into the staging folder to the shared corpus, and empties it. */
    void publish() {
        if (remote != null) remote.publish(root);
    }

    /** Empties the staging folder but for its decoding scratch (nothing for a local corpus). */
    void clear() {
        if (remote == null) return;
        Path work = CorpusStore.at(root).workDir();
        delete(p -> !p.startsWith(work) && !p.equals(root) && !p.equals(work.getParent()));
    }

    private void delete(java.util.function.Predicate<Path> which) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).filter(which).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("emptying the staging folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** Removes the staging folder (never a local corpus). */
    @Override
    public void close() {
        if (remote == null || !Files.exists(root)) return;
        delete(p -> true);
    }
}
