package org.samtal.storage;

import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A non-local Beam file system for tests: {@code fake:///tmp/x/corpus} is the local folder {@code /tmp/x/corpus},
 * reached only through Beam's {@code FileSystems} (a {@code java.nio} access to the string would land in a relative
 * folder {@code fake:} instead). Registered by {@code META-INF/services/org.apache.beam.sdk.io.FileSystemRegistrar} in
 * the test resources, as Beam's own modules register {@code s3}, {@code gs} and {@code hdfs}. Files named
 * {@code denied-*} are listed but refused, as a store refuses objects one may not read.
 */
public final class FakeFileSystem extends FileSystem<FakeFileSystem.Resource> {
    static final String SCHEME = "fake";
    private static final String PREFIX = SCHEME + "://";
    /** Files whose name starts so are listed but cannot be read. */
    public static final String DENIED = "denied-";

    /** Registers the {@code fake} scheme. */
    public static final class Registrar implements FileSystemRegistrar {
        @Override
        public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
            return List.of(new FakeFileSystem());
        }
    }

    /** The location of a local folder or file as this file system names it. */
    public static String location(Path local) {
        return PREFIX + local.toAbsolutePath();
    }

    /** A file or folder: its absolute local path. */
    record Resource(String path, boolean directory) implements ResourceId {
        Path local() {
            return Path.of(path);
        }

        @Override
        public ResourceId resolve(String other, ResolveOptions options) {
            String base = path.endsWith("/") ? path : path + "/";
            boolean dir = options == ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY;
            return new Resource(base + other, dir);
        }

        @Override
        public ResourceId getCurrentDirectory() {
            if (directory) return this;
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return new Resource(p.substring(0, p.lastIndexOf('/') + 1), true);
        }

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public String getFilename() {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return p.substring(p.lastIndexOf('/') + 1);
        }

        @Override
        public boolean isDirectory() {
            return directory;
        }

        @Override
        public String toString() {
            return PREFIX + path;
        }
    }

    @Override
    protected List<MatchResult> match(List<String> specs) throws IOException {
        List<MatchResult> results = new ArrayList<>();
        for (String spec : specs) results.add(match(spec));
        return results;
    }

    private MatchResult match(String spec) throws IOException {
        String path = spec.substring(PREFIX.length());
        int glob = indexOfGlob(path);
        List<MatchResult.Metadata> found = new ArrayList<>();
        if (glob < 0) {
            Path f = Path.of(path);
            if (Files.isRegularFile(f)) found.add(metadata(f));
        } else {
            String dir = path.substring(0, path.lastIndexOf('/', glob) + 1);
            Pattern pattern = Pattern.compile(regex(path));
            if (Files.isDirectory(Path.of(dir))) {
                try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        if (pattern.matcher(f.toString()).matches()) found.add(metadata(f));
                    }
                }
            }
        }
        return found.isEmpty() ? MatchResult.create(MatchResult.Status.NOT_FOUND, List.of())
                : MatchResult.create(MatchResult.Status.OK, found);
    }

    private static int indexOfGlob(String path) {
        for (int i = 0; i < path.length(); i++) if ("*?[{".indexOf(path.charAt(i)) >= 0) return i;
        return -1;
    }

    private static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static MatchResult.Metadata metadata(Path f) throws IOException {
        return MatchResult.Metadata.builder().setResourceId(new Resource(f.toString(), false))
                .setSizeBytes(Files.size(f)).setIsReadSeekEfficient(true)
                .setLastModifiedMillis(Files.getLastModifiedTime(f).toMillis()).build();
    }

    @Override
    protected WritableByteChannel create(Resource id, CreateOptions options) throws IOException {
        Files.createDirectories(id.local().getParent());
        return FileChannel.open(id.local(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    protected ReadableByteChannel open(Resource id) throws IOException {
        // an object the store lists but refuses to serve (as S3 does without the rights to read it)
        if (id.getFilename().startsWith(DENIED)) throw new IOException("Access Denied (fake)");
        return FileChannel.open(id.local(), StandardOpenOption.READ);
    }

    @Override
    protected void copy(List<Resource> from, List<Resource> to) throws IOException {
        for (int i = 0; i < from.size(); i++) {
            Files.createDirectories(to.get(i).local().getParent());
            Files.copy(from.get(i).local(), to.get(i).local(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    protected void rename(List<Resource> from, List<Resource> to, MoveOptions... options) throws IOException {
        for (int i = 0; i < from.size(); i++) {
            Files.createDirectories(to.get(i).local().getParent());
            Files.move(from.get(i).local(), to.get(i).local(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    protected void delete(Collection<Resource> ids) throws IOException {
        for (Resource id : ids) Files.deleteIfExists(id.local());
    }

    @Override
    protected Resource matchNewResource(String spec, boolean isDirectory) {
        if (!spec.startsWith(PREFIX)) throw new IllegalArgumentException("not a " + SCHEME + ":// location: " + spec);
        String path = spec.substring(PREFIX.length());
        if (isDirectory && !path.endsWith("/")) path = path + "/";
        return new Resource(path, isDirectory);
    }

    @Override
    protected String getScheme() {
        return SCHEME;
    }
}
