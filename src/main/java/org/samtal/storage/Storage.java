package org.samtal.storage;

import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared storage through Beam's {@link FileSystems}: {@code hdfs://}, {@code s3://}, {@code gs://} or any scheme a
 * registered {@link org.apache.beam.sdk.io.FileSystemRegistrar} serves. A location without a scheme (or
 * {@code file://}) is a local path and never comes here: local corpora keep Java's file API, their lock and their
 * atomic renames. Every write here goes to a temporary name beside its target and is then renamed, as
 * {@link org.samtal.util.AtomicFiles} does on a disk.
 */
public final class Storage {
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");
    /** The Beam module that serves each common scheme, for the error when none does. */
    private static final Map<String, String> MODULES = Map.of(
            "hdfs", "org.apache.beam:beam-sdks-java-io-hadoop-file-system",
            "s3", "org.apache.beam:beam-sdks-java-io-amazon-web-services2",
            "gs", "org.apache.beam:beam-sdks-java-extensions-google-cloud-platform-core");
    /** The prefix of a file being written, as {@link org.samtal.util.AtomicFiles} names its own. */
    public static final String TEMP_PREFIX = ".tmp-";

    private Storage() {
    }

    /**
     * A location as samtal takes it: a {@code file:} URI ({@code file:///data/in}) as the local path it names, any
     * other location as it is.
     *
     * @throws IllegalArgumentException for a {@code file:} URI that names no local path
     */
    public static String plain(String location) {
        if (!location.regionMatches(true, 0, "file:", 0, 5)) return location;
        try {
            return java.nio.file.Path.of(java.net.URI.create(location)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException(location + " is not a local path (write file:///absolute/path, or the "
                    + "path itself)", e);
        }
    }

    /** Whether a location names shared storage by a scheme ({@code s3://bucket/corpus}) rather than a local path. */
    public static boolean isRemote(String location) {
        Matcher m = SCHEME.matcher(location);
        return m.find() && !m.group(1).equalsIgnoreCase("file");
    }

    /**
     * Registers the file systems the classpath holds, configured by the build's Beam options (credentials, region),
     * in the process that runs {@code samtal build}; a runner does the same on its workers.
     */
    public static void setUp(PipelineOptions options) {
        FileSystems.setDefaultPipelineOptions(options);
    }

    /**
     * Checks that a file system serves the location's scheme.
     *
     * @throws IllegalArgumentException naming the location and the module to add when none does
     */
    public static void requireServed(String location) {
        try {
            FileSystems.matchNewResource(location, true);
        } catch (IllegalArgumentException e) {
            Matcher m = SCHEME.matcher(location);
            String scheme = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
            String module = MODULES.get(scheme);
            throw new IllegalArgumentException(location + ": no file system for " + scheme + ":// in this samtal ("
                    + (module == null ? "build samtal with the Beam module that serves it" : "build samtal with " + module)
                    + ": add it to the cluster or spark profile of pom.xml, see README \"Building on a cluster\", Storage);"
                    + " or give a local path", e);
        }
    }

    /** A location inside a folder ({@code folder} with or without its final slash). */
    public static String child(String folder, String relative) {
        return (folder.endsWith("/") ? folder : folder + "/") + relative;
    }

    /**
     * Every file under a folder, by its path relative to it (forward slashes), with its size; empty when the folder
     * does not exist.
     */
    public static Map<String, Long> list(String folder) throws IOException {
        requireServed(folder);
        // the folder as its file system names what it finds in it (HDFS writes hdfs:/x for hdfs:///x)
        String base = FileSystems.matchNewResource(folder, true).toString();
        if (!base.endsWith("/")) base = base + "/";
        MatchResult r = FileSystems.match((folder.endsWith("/") ? folder : folder + "/") + "**", EmptyMatchTreatment.ALLOW);
        Map<String, Long> files = new TreeMap<>();
        if (r.status() == MatchResult.Status.NOT_FOUND) return files;
        for (MatchResult.Metadata m : r.metadata()) {
            String uri = m.resourceId().toString();
            if (m.resourceId().isDirectory() || !uri.startsWith(base)) continue;
            files.put(uri.substring(base.length()), m.sizeBytes());
        }
        return files;
    }

    /** Whether a file exists at the location. */
    public static boolean exists(String location) throws IOException {
        MatchResult r = FileSystems.match(location, EmptyMatchTreatment.ALLOW);
        if (r.status() == MatchResult.Status.NOT_FOUND) return false;
        try {
            return !r.metadata().isEmpty();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** Copies a file from shared storage to a local file (its folder created), replacing it. */
    public static void fetch(String location, Path local) throws IOException {
        Files.createDirectories(local.toAbsolutePath().getParent());
        try (ReadableByteChannel ch = FileSystems.open(FileSystems.matchNewResource(location, false));
             InputStream in = Channels.newInputStream(ch)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies a file from shared storage to a local file when it exists there; says whether it did. */
    public static boolean fetchIfExists(String location, Path local) throws IOException {
        if (!exists(location)) return false;
        fetch(location, local);
        return true;
    }

    /**
     * Writes a local file to shared storage: to a temporary name beside the target, then renamed over it, so a
     * reader sees the old file or the whole new one (on stores whose rename is a copy and a delete, a crash leaves a
     * temporary object the next build removes, never a half-written target).
     */
    public static void publish(Path local, String location) throws IOException {
        ResourceId target = FileSystems.matchNewResource(location, false);
        ResourceId tmp = target.getCurrentDirectory().resolve(TEMP_PREFIX + Long.toHexString(System.nanoTime())
                + "-" + target.getFilename(), org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
        try (WritableByteChannel ch = FileSystems.create(tmp, "application/octet-stream");
             OutputStream out = Channels.newOutputStream(ch)) {
            Files.copy(local, out);
        }
        FileSystems.rename(List.of(tmp), List.of(target));
    }

    /** Writes bytes to shared storage, as {@link #publish} does a file. */
    public static void publish(byte[] content, String location) throws IOException {
        Path tmp = Files.createTempFile("samtal-publish-", ".bin");
        try {
            Files.write(tmp, content);
            publish(tmp, location);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a small file of shared storage whole. */
    public static byte[] read(String location) throws IOException {
        try (ReadableByteChannel ch = FileSystems.open(FileSystems.matchNewResource(location, false));
             InputStream in = Channels.newInputStream(ch)) {
            return in.readAllBytes();
        }
    }

    /** Deletes files of shared storage; those already gone are no error. */
    public static void delete(List<String> locations) throws IOException {
        if (locations.isEmpty()) return;
        List<ResourceId> ids = new ArrayList<>();
        for (String l : locations) ids.add(FileSystems.matchNewResource(l, false));
        FileSystems.delete(ids, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
}
