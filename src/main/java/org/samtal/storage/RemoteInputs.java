package org.samtal.storage;

import org.samtal.intake.Intake;
import org.samtal.intake.KaldiFolder;
import org.samtal.intake.SubmissionReader;
import org.samtal.intake.TranscriptTable;

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
 * A build's inputs, with those on shared storage ({@code s3://bucket/delivery}) listed through Beam's
 * {@code FileSystems} into a local mirror the intake reads as it reads a folder: the files it reads (transcripts,
 * submission files, tables, Kaldi folders' lists) are fetched, every other file is an empty stand-in of the same name,
 * so the media never come to the machine that runs the intake. Each worker fetches its own recording's media and
 * transcript ({@link #location}); reports and errors name the shared locations, not the mirror.
 */
public final class RemoteInputs implements AutoCloseable {
    private final List<Path> paths;
    /** Each mirror's root, by the shared folder it mirrors. */
    private final Map<Path, String> mirrors;
    private final List<Path> temporary;

    private RemoteInputs(List<Path> paths, Map<Path, String> mirrors, List<Path> temporary) {
        this.paths = List.copyOf(paths);
        this.mirrors = Map.copyOf(mirrors);
        this.temporary = List.copyOf(temporary);
    }

    /**
     * Lists the inputs: local paths as they are, shared ones mirrored.
     *
     * @throws IllegalArgumentException naming the location when a shared input does not exist or no file system
     *                                  serves its scheme
     */
    public static RemoteInputs stage(List<String> inputs) {
        List<Path> paths = new ArrayList<>();
        Map<Path, String> mirrors = new LinkedHashMap<>();
        List<Path> temporary = new ArrayList<>();
        try {
            for (String input : inputs) {
                if (!Storage.isRemote(input)) {
                    paths.add(Path.of(input));
                    continue;
                }
                Storage.requireServed(input);
                String folder = input.replaceAll("/+$", "");
                Path dir = Files.createTempDirectory("samtal-delivery-");
                temporary.add(dir);
                Map<String, Long> files = Storage.list(folder);
                if (!files.isEmpty()) {
                    Path root = dir.resolve(name(folder));
                    Files.createDirectories(root);
                    for (String rel : files.keySet()) mirror(Storage.child(folder, rel), root.resolve(rel));
                    mirrors.put(root.toAbsolutePath(), folder);
                    paths.add(root.toAbsolutePath());
                } else if (Storage.exists(folder)) {
                    // one file: it and the files of its stem beside it (its transcript)
                    int slash = folder.lastIndexOf('/');
                    String parent = folder.substring(0, slash);
                    String stem = Intake.pairingStem(Path.of(name(folder)));
                    Path root = dir.resolve(name(parent));
                    Files.createDirectories(root);
                    for (String rel : Storage.list(parent).keySet()) {
                        if (!rel.contains("/") && (java.text.Normalizer.normalize(rel, java.text.Normalizer.Form.NFC)
                                .startsWith(stem + ".") || SubmissionReader.NAMES.contains(rel))) {
                            mirror(Storage.child(parent, rel), root.resolve(rel));
                        }
                    }
                    mirrors.put(root.toAbsolutePath(), parent);
                    paths.add(root.resolve(name(folder)).toAbsolutePath());
                } else {
                    throw new IllegalArgumentException("no such file or folder: " + input + "; check the location");
                }
            }
        } catch (IOException e) {
            new RemoteInputs(paths, mirrors, temporary).close();
            throw new UncheckedIOException("listing the inputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            new RemoteInputs(paths, mirrors, temporary).close();
            throw e;
        }
        return new RemoteInputs(paths, mirrors, temporary);
    }

    /**
     * A file the intake reads is fetched; any other (media above all) is an empty stand-in of the same name, and so
     * is a file that cannot be fetched: the worker that builds its recording tries again and says why it cannot.
     */
    private static void mirror(String location, Path local) throws IOException {
        Files.createDirectories(local.getParent());
        if (read(local)) {
            try {
                Storage.fetch(location, local);
                return;
            } catch (IOException e) {
                Files.deleteIfExists(local);
            }
        }
        Files.createFile(local);
    }

    private static boolean read(Path f) {
        String name = f.getFileName().toString();
        String ext = Intake.extension(f);
        return Intake.TRANSCRIPT_EXTENSIONS.contains(ext) && !Intake.MEDIA_EXTENSIONS.contains(ext)
                || SubmissionReader.NAMES.contains(name)
                || TranscriptTable.isTableFile(f) || KaldiFolder.FILES.contains(name);
    }

    private static String name(String location) {
        String n = location.substring(location.lastIndexOf('/') + 1);
        return n.isEmpty() ? "delivery" : n;
    }

    /** The inputs as the intake takes them: local paths, and the mirrors of shared ones. */
    public List<Path> paths() {
        return paths;
    }

    /** Whether any input is on shared storage. */
    public boolean anyRemote() {
        return !mirrors.isEmpty();
    }

    /** The shared location a mirrored file stands for, or {@code null} for a local file. */
    public String location(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (var m : mirrors.entrySet()) {
            if (abs.startsWith(m.getKey())) {
                String rel = m.getKey().relativize(abs).toString().replace('\\', '/');
                return rel.isEmpty() ? m.getValue() : Storage.child(m.getValue(), rel);
            }
        }
        return null;
    }

    /** Every mirrored file's shared location, by its local path (as a string): what a worker fetches and names. */
    public Map<String, String> locations() {
        Map<String, String> all = new LinkedHashMap<>();
        for (var m : mirrors.entrySet()) {
            try (Stream<Path> files = Files.walk(m.getKey())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) all.put(f.toString(), location(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** A message with each mirror's path replaced by the shared location it stands for. */
    public String named(String message) {
        if (message == null) return null;
        String out = message;
        for (var m : mirrors.entrySet()) out = out.replace(m.getKey().toString(), m.getValue());
        return out;
    }

    /** Removes the mirrors. */
    @Override
    public void close() {
        for (Path dir : temporary) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary folder left behind: the system's cleaner takes it
            }
        }
    }
}
