package org.samtal.beam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.storage.FakeFileSystem;
import org.samtal.testing.Cli;
import org.samtal.testing.Interviews;
import org.samtal.util.Hashes;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17, shared storage: a delivery read through Beam's {@code FileSystems} from a scheme that is not a local
 * path ({@code fake://}, registered in the test resources: every access goes through Beam's API, a {@code java.nio}
 * access to the string would land in a folder {@code fake:} of the working directory) builds the same corpus as the
 * same files read from a local folder, and into a corpus there the same corpus as into a local folder.
 */
class SharedStorageTest {
    @TempDir
    static Path dir;
    static Path in;
    static Path local;

    /** Two recordings of the interview's turns in different orders, and a copy of one under another name. */
    @BeforeAll
    static void inputs() throws Exception {
        in = dir.resolve("in");
        Interviews.write(in, dir, 2, 5);
        Files.writeString(in.resolve("notes.pdf"), "not a recording");
        local = build(in.toString(), dir.resolve("local").toString());
    }

    private static Path build(String input, String out) {
        return build(input, out, "--runner", "direct", "--workers", "2");
    }

    private static Path build(String input, String out, String... runner) {
        List<String> args = new java.util.ArrayList<>(List.of("build", input, "--lang", "is", "--out", out,
                "--formats", "nemo,kaldi", "-q"));
        args.addAll(List.of(runner));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return Path.of(out.startsWith("fake://") ? out.substring("fake://".length()) : out);
    }

    /** The SHA-256 of every file under a folder of the corpus, by its path in the corpus. */
    static Map<String, String> sums(Path corpus, String folder) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus.resolve(folder))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) sums.put(corpus.relativize(f).toString(), Hashes.sha256(f));
        }
        return sums;
    }

    static Map<String, JsonNode> report(Path corpus) throws Exception {
        Map<String, JsonNode> byInput = new TreeMap<>();
        for (JsonNode r : Json.mapper().readTree(corpus.resolve("build-report.json").toFile()).get("recordings")) {
            byInput.put(r.get("input").asText(), r);
        }
        return byInput;
    }

    @Test
    void aDeliveryOnSharedStorageBuildsTheCorpusOfTheSameFilesReadLocally() throws Exception {
        Path out = build(FakeFileSystem.location(in), dir.resolve("from-shared").toString());

        String manifest = Files.readString(local.resolve("manifest.jsonl"));
        assertThat(manifest.lines().count()).isGreaterThan(5);
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(manifest);
        assertThat(sums(out, "clips")).hasSize((int) manifest.lines().count()).isEqualTo(sums(local, "clips"));
        assertThat(sums(out, "kaldi")).isEqualTo(sums(local, "kaldi"));
        // the report names the delivered files where they are, the copy found as in the local build
        Map<String, JsonNode> recordings = report(out);
        assertThat(recordings.keySet()).containsExactlyInAnyOrder(FakeFileSystem.location(in.resolve("again2.wav")),
                FakeFileSystem.location(in.resolve("talk1.wav")), FakeFileSystem.location(in.resolve("talk2.wav")));
        assertThat(recordings.get(FakeFileSystem.location(in.resolve("talk2.wav"))).get("status").asText()).isEqualTo("duplicate");
        assertThat(recordings.get(FakeFileSystem.location(in.resolve("talk1.wav"))).get("transcript").asText())
                .isEqualTo(FakeFileSystem.location(in.resolve("talk1.txt")));
        JsonNode ignored = Json.mapper().readTree(out.resolve("build-report.json").toFile()).get("ignored");
        assertThat(ignored.toString()).contains(FakeFileSystem.location(in.resolve("notes.pdf")));
        // nothing reached the string through java.nio: no folder "fake:" in the working directory
        assertThat(Path.of("fake:")).doesNotExist();
    }

    @Test
    void aCorpusOnSharedStorageIsTheLocalOneAndASecondBuildResumesIt() throws Exception {
        String location = FakeFileSystem.location(dir.resolve("shared"));
        Path out = build(FakeFileSystem.location(in), location);

        String manifest = Files.readString(local.resolve("manifest.jsonl"));
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(manifest);
        assertThat(sums(out, "clips")).isEqualTo(sums(local, "clips"));
        for (String format : List.of("kaldi", "nemo")) assertThat(sums(out, format)).as(format).isEqualTo(sums(local, format));
        // the checksums cover the same files with the same bytes, the build report (its inputs, its times) aside
        assertThat(Files.readAllLines(out.resolve("SHA256SUMS"))).filteredOn(l -> !l.endsWith("build-report.json"))
                .hasSizeGreaterThan(20).isEqualTo(Files.readAllLines(local.resolve("SHA256SUMS")).stream()
                        .filter(l -> !l.endsWith("build-report.json")).toList());
        assertThat(Files.readString(out.resolve("card.md"))).isNotBlank();
        // every recording's done marker and part were published; no temporary file and no lock object stay
        Map<String, String> own = sums(out, ".samtal");
        assertThat(own.keySet()).filteredOn(f -> f.endsWith(".done")).hasSize(2);
        assertThat(own.keySet()).noneMatch(f -> f.contains(".tmp-")).doesNotContain(".samtal/lock");
        assertThat(Path.of("fake:")).doesNotExist();

        // the second build reads the done markers on shared storage and builds nothing again
        Path again = build(FakeFileSystem.location(in), location);
        Map<String, String> statuses = new TreeMap<>();
        report(again).forEach((input, r) -> statuses.put(Path.of(input).getFileName().toString(), r.get("status").asText()));
        assertThat(statuses).isEqualTo(Map.of("again2.wav", "skipped", "talk1.wav", "skipped", "talk2.wav", "duplicate"));
        assertThat(Files.readString(again.resolve("manifest.jsonl"))).isEqualTo(manifest);
        assertThat(sums(again, "clips")).isEqualTo(sums(local, "clips"));
    }

    @Test
    void aPrunedCorpusOnSharedStorageLosesWhatTheBuildLeftOut() throws Exception {
        String location = FakeFileSystem.location(dir.resolve("pruned"));
        Path out = build(FakeFileSystem.location(in), location);
        assertThat(sums(out, "clips").keySet()).anyMatch(f -> f.startsWith("clips/again2-"));
        Path only = dir.resolve("only1");
        Files.createDirectories(only);
        Files.copy(in.resolve("talk1.wav"), only.resolve("talk1.wav"));
        Files.copy(in.resolve("talk1.txt"), only.resolve("talk1.txt"));

        build(FakeFileSystem.location(only), location, "--runner", "direct", "--prune");
        // the recording left out is gone from the clips, the parts and the formats; the one kept is as it was
        assertThat(sums(out, "clips")).isEqualTo(sums(local, "clips").entrySet().stream()
                .filter(e -> e.getKey().startsWith("clips/talk1-"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(sums(out, ".samtal").keySet()).noneMatch(f -> f.contains("again2-"));
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).doesNotContain("again2-").contains("talk1-");
        assertThat(Files.readString(out.resolve("nemo/train_manifest.jsonl"))).doesNotContain("again2-");
    }

    @Test
    void flinkInLocalModeBuildsTheSameCorpusOnSharedStorage() throws Exception {
        // the workers' elements and the file system's registration go through a real runner's serialization
        Path out = build(FakeFileSystem.location(in), FakeFileSystem.location(dir.resolve("flink")), "--runner", "flink",
                "--workers", "2", "--beam-option=--flinkMaster=[local]");
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(Files.readString(local.resolve("manifest.jsonl")));
        assertThat(sums(out, "clips")).isEqualTo(sums(local, "clips"));
        assertThat(Path.of("fake:")).doesNotExist();
    }

    @Test
    void aCorpusOnSharedStorageThatAnotherBuildHoldsIsSaidSo() throws Exception {
        Path corpus = dir.resolve("held");
        Files.createDirectories(corpus.resolve(".samtal"));
        Files.writeString(corpus.resolve(".samtal/lock"), "{\"token\":\"other\",\"holder\":{\"pid\":4242,"
                + "\"host\":\"worker-7\",\"command\":\"build\",\"since\":\"2026-01-01T00:00:00Z\"}}");
        Cli.Run run = Cli.run("build", FakeFileSystem.location(in), "--lang", "is", "--out", FakeFileSystem.location(corpus), "-q");
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains(FakeFileSystem.location(corpus)).contains("pid 4242 on worker-7")
                .contains("lock object");
        assertThat(corpus.resolve("manifest.jsonl")).doesNotExist();
    }

    @Test
    void oneRecordingNamedOnSharedStorageComesWithItsTranscript() throws Exception {
        Path out = build(FakeFileSystem.location(in.resolve("talk1.wav")), dir.resolve("one").toString());
        JsonNode r = report(out).get(FakeFileSystem.location(in.resolve("talk1.wav")));
        assertThat(r.get("status").asText()).isEqualTo("ok");
        assertThat(r.get("transcript").asText()).isEqualTo(FakeFileSystem.location(in.resolve("talk1.txt")));
        assertThat(sums(out, "clips")).isEqualTo(sums(local, "clips").entrySet().stream()
                .filter(e -> e.getKey().startsWith("clips/talk1-"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void aTableOfClipsOnSharedStorageBuildsTheCorpusOfTheLocalTable() throws Exception {
        // the 40 Samrómur clips and their metadata.tsv: the table is read from shared storage, each group's clips fetched
        Path dev = Path.of("src/test/resources/realspeech/is-samromur-dev").toAbsolutePath();
        Path fromLocal = dir.resolve("table-local");
        Path fromShared = dir.resolve("table-shared");
        // a few clips fail their check in both (exit 1: cut off mid-word, placed outside their clip)
        Cli.Run local = Cli.run("build", dev.toString(), "--lang", "is", "--out", fromLocal.toString(), "--formats", "nemo", "-q");
        Cli.Run shared = Cli.run("build", FakeFileSystem.location(dev), "--lang", "is", "--out", fromShared.toString(),
                "--formats", "nemo", "-q");
        assertThat(local.exit()).as(local.err()).isLessThanOrEqualTo(1);
        assertThat(shared.exit()).as(shared.err()).isEqualTo(local.exit());
        String manifest = Files.readString(fromLocal.resolve("manifest.jsonl"));
        assertThat(manifest.lines().count()).isGreaterThan(30);
        assertThat(Files.readString(fromShared.resolve("manifest.jsonl"))).isEqualTo(manifest);
        assertThat(sums(fromShared, "clips")).isEqualTo(sums(fromLocal, "clips"));
        assertThat(report(fromShared).keySet()).hasSize(40)
                .allMatch(input -> input.startsWith(FakeFileSystem.location(dev.resolve("clips"))));
    }

    @Test
    void aRecordingThatCannotBeFetchedFailsAloneNamingItsLocation() throws Exception {
        Path part = dir.resolve("part");
        Files.createDirectories(part);
        Files.copy(in.resolve("talk1.wav"), part.resolve("talk1.wav"));
        Files.copy(in.resolve("talk1.txt"), part.resolve("talk1.txt"));
        Files.copy(in.resolve("talk2.wav"), part.resolve(FakeFileSystem.DENIED + "talk2.wav"));
        Files.copy(in.resolve("talk2.txt"), part.resolve(FakeFileSystem.DENIED + "talk2.txt"));
        Path out = dir.resolve("part-corpus");
        Cli.Run run = Cli.run("build", FakeFileSystem.location(part), "--lang", "is", "--out", out.toString(), "-q",
                "--formats", "nemo");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        Map<String, JsonNode> recordings = report(out);
        String denied = FakeFileSystem.location(part.resolve(FakeFileSystem.DENIED + "talk2.wav"));
        assertThat(recordings.get(FakeFileSystem.location(part.resolve("talk1.wav"))).get("status").asText()).isEqualTo("ok");
        assertThat(recordings.get(denied).get("status").asText()).isEqualTo("failed");
        assertThat(recordings.get(denied).get("message").asText())
                .startsWith(denied + ": cannot be read from shared storage (Access Denied (fake))");
    }

    @Test
    void theBuildOneByOneSaysItReadsLocalPathsOnly() {
        Cli.Run run = Cli.run("build", FakeFileSystem.location(in), "--lang", "is", "--out", dir.resolve("inline").toString(),
                "--runner", "inline");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--runner inline reads and writes local paths only");
        assertThat(dir.resolve("inline")).doesNotExist();
    }

    @Test
    void aSharedFolderThatDoesNotExistIsNamed() {
        String missing = FakeFileSystem.location(dir.resolve("nowhere"));
        Cli.Run run = Cli.run("build", missing, "--lang", "is", "--out", dir.resolve("none").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or folder: " + missing);
    }

    @Test
    void aSchemeNoFileSystemServesNamesTheLocationAndTheModule() {
        Cli.Run run = Cli.run("build", "s3://partner-bucket/delivery", "--lang", "is", "--out", dir.resolve("s3").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("s3://partner-bucket/delivery")
                .contains("org.apache.beam:beam-sdks-java-io-amazon-web-services2");
    }
}
