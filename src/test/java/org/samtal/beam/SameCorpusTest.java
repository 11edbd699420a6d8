package org.samtal.beam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.testing.Interviews;
import org.samtal.util.Hashes;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 item 3: the same inputs built one by one (no Beam), by Beam's DirectRunner with two workers, and by a
 * real runner in local mode (Flink's local environment, and Spark's {@code local[2]} with {@code mvn -Pspark test},
 * both started here) give the same corpus: the same manifest, the same clips byte for byte, the same copy left out.
 */
class SameCorpusTest {
    @TempDir
    static Path dir;
    static Path in;

    /** Three recordings of the interview's turns in different orders, and a copy of one under another name. */
    @BeforeAll
    static void inputs() throws Exception {
        in = dir.resolve("in");
        Interviews.write(in, dir, 3, 6);
    }

    private static Path build(String name, String... runner) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("build", in.toString(), "--lang", "is", "--out", out.toString(),
                "--formats", "nemo,kaldi,lhotse", "-q"));
        args.addAll(List.of(runner));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return out;
    }

    /** Every clip's SHA-256, by its path in the corpus. */
    private static Map<String, String> clips(Path corpus) throws Exception {
        return sums(corpus, "clips");
    }

    /** The SHA-256 of every file under a folder of the corpus, by its path in the corpus. */
    private static Map<String, String> sums(Path corpus, String folder) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus.resolve(folder))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) sums.put(corpus.relativize(f).toString(), Hashes.sha256(f));
        }
        return sums;
    }

    private static Map<String, String> statuses(Path corpus) throws Exception {
        Map<String, String> byInput = new TreeMap<>();
        for (JsonNode r : Json.mapper().readTree(corpus.resolve("build-report.json").toFile()).get("recordings")) {
            byInput.put(Path.of(r.get("input").asText()).getFileName().toString(), r.get("status").asText());
        }
        return byInput;
    }

    @Test
    void oneByOneDirectRunnerAndFlinkBuildTheSameCorpus() throws Exception {
        Path inline = build("inline", "--runner", "inline");
        Path direct = build("direct", "--runner", "direct", "--workers", "2");
        Path flink = build("flink", "--runner", "flink", "--workers", "2", "--beam-option=--flinkMaster=[local]");
        assertSameCorpus(inline, direct, flink);
    }

    /**
     * Spark in local mode with two executor threads ({@code --sparkMaster=local[2]}, which {@code --workers 2} sets),
     * started in this process: only with the spark profile's runner and Jackson ({@code mvn -Pspark test}).
     */
    @Test
    @Tag("spark")
    void oneByOneAndSparkBuildTheSameCorpus() throws Exception {
        Path inline = build("inline-for-spark", "--runner", "inline");
        Path spark = build("spark-local", "--runner", "spark", "--workers", "2");
        assertSameCorpus(inline, spark);
    }

    private static void assertSameCorpus(Path inline, Path... others) throws Exception {
        // the copy is found whichever worker finished first: the first in the intake's order wins
        assertThat(statuses(inline)).isEqualTo(Map.of("again2.wav", "ok", "talk1.wav", "ok",
                "talk2.wav", "duplicate", "talk3.wav", "ok"));
        String manifest = Files.readString(inline.resolve("manifest.jsonl"));
        assertThat(manifest.lines().count()).isGreaterThan(10);
        Map<String, String> clips = clips(inline);
        assertThat(clips).hasSize((int) manifest.lines().count());
        for (Path other : others) {
            assertThat(statuses(other)).as(other.toString()).isEqualTo(statuses(inline));
            assertThat(Files.readString(other.resolve("manifest.jsonl"))).as(other.toString()).isEqualTo(manifest);
            assertThat(clips(other)).as(other.toString()).isEqualTo(clips);
            // the copy's clips, written before the global step found it out, are gone
            assertThat(Files.exists(other.resolve("clips").resolve(statusId(other, "talk2.wav")))).isFalse();
            for (String format : List.of("kaldi", "nemo")) {
                assertThat(sums(other, format)).as(other + " " + format).isNotEmpty().isEqualTo(sums(inline, format));
            }
        }
    }

    private static String statusId(Path corpus, String input) throws Exception {
        for (JsonNode r : Json.mapper().readTree(corpus.resolve("build-report.json").toFile()).get("recordings")) {
            if (r.get("input").asText().endsWith(input)) return r.get("recording_id").asText();
        }
        throw new AssertionError(input + " not in the report of " + corpus);
    }

    @Test
    void aRerunOnTheDirectRunnerSkipsWhatIsBuilt() throws Exception {
        Path out = build("rerun", "--runner", "direct", "--workers", "2");
        String manifest = Files.readString(out.resolve("manifest.jsonl"));
        build("rerun", "--runner", "direct", "--workers", "2");
        assertThat(statuses(out)).isEqualTo(Map.of("again2.wav", "skipped", "talk1.wav", "skipped",
                "talk2.wav", "duplicate", "talk3.wav", "skipped"));
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(manifest);
    }

    /** The default jar has no Spark runner (the spark profile's jar has: its tests leave this one out). */
    @Test
    @Tag("without-spark")
    void aClusterRunnerThatIsNotInTheJarIsSaidSo() {
        Cli.Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", dir.resolve("spark").toString(),
                "--runner", "spark");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--runner spark").contains("samtal-spark.jar").contains("-Pspark");
    }
}
