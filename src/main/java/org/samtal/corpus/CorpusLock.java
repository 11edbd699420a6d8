package org.samtal.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One writer at a time in a corpus folder: {@code build} and {@code export} hold an operating-system lock on
 * {@code CORPUS/.samtal/lock} while they write, and the lock file says who holds it (pid, host, command, since
 * when). The operating system releases the lock when its process ends, even by {@code kill -9}, so a crashed build
 * never blocks the next one.
 */
public final class CorpusLock implements AutoCloseable {
    /** The lock file, relative to the corpus folder. */
    public static final String FILE = CorpusStore.LOCK;
    private static final long POLL_MILLIS = 250;

    private final FileChannel channel;
    private final FileLock lock;

    private CorpusLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Who holds a corpus's lock.
     *
     * @param pid     process id
     * @param host    machine
     * @param command what it runs ({@code build}, {@code export})
     * @param since   when it took the lock (ISO-8601)
     */
    public record Holder(long pid, String host, String command, String since) {
        @Override
        public String toString() {
            return command + " (pid " + pid + " on " + host + ", since " + since + ")";
        }
    }

    /** Another samtal writes into the corpus. */
    public static final class Busy extends RuntimeException {
        private final transient Holder holder;

        /** @param root the corpus: a folder, or a location on shared storage ({@link RemoteCorpus}) */
        Busy(Object root, Holder holder) {
            super(root + " is being written by another samtal: " + (holder == null ? "a process that has not said who it is"
                    : holder.toString()) + "; wait for it to finish, or run again with --wait to wait for it");
            this.holder = holder;
        }

        /** Who holds the lock, or {@code null} when it has not written that yet. */
        public Holder holder() {
            return holder;
        }
    }

    /**
     * Takes the lock of the corpus in {@code root}.
     *
     * @param command what is about to write ({@code build}, {@code export})
     * @param wait    wait for the holder to finish instead of failing
     * @param waiting told once who is waited for, when waiting
     * @throws Busy when another process (or another build in this one) holds it and {@code wait} is false
     */
    public static CorpusLock acquire(Path root, String command, boolean wait, Consumer<String> waiting) {
        Path file = CorpusStore.at(root).lockFile();
        ObjectMapper json = Json.mapper();
        boolean told = false;
        try {
            AtomicFiles.createDirectories(file.getParent());
            while (true) {
                FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE), AtomicFiles.fileAttributes(file.getParent()));
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this very process (two builds in one JVM)
                }
                if (lock != null) {
                    Holder me = new Holder(ProcessHandle.current().pid(), host(), command, Instant.now().toString());
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(json.writeValueAsBytes(me)), 0);
                    ch.force(true);
                    return new CorpusLock(ch, lock);
                }
                ch.close();
                Holder holder = holder(file, json);
                if (!wait) throw new Busy(root, holder);
                told = waitRound(waiting, told, holder, root, POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of " + root, e);
        }
    }

    /**
     * One round of waiting for a corpus another build holds, on a disk or on shared storage: says once whom it waits
     * for, then waits {@code millis}.
     *
     * @return whether it has said so
     */
    static boolean waitRound(Consumer<String> waiting, boolean told, Holder holder, Object root, long millis)
            throws InterruptedException {
        if (!told && waiting != null) {
            waiting.accept("waiting for " + (holder == null ? "another samtal" : holder.toString()) + " to finish with " + root);
            told = true;
        }
        Thread.sleep(millis);
        return told;
    }

    private static Holder holder(Path file, ObjectMapper json) {
        try {
            return json.readValue(Files.readAllBytes(file), Holder.class);
        } catch (IOException e) {
            return null; // being written at this moment
        }
    }

    static String host() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) return name;
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            // not Linux: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }

    /** Releases the lock (the file stays; it is only a lock while a process holds it). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
