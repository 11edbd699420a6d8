package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus store keeps Lhotse's model: a recording with its provenance written once, its clips pointing to it by
 * id, and the manifest's rows assembled from both when the manifest and the formats are written.
 */
class CorpusStoreTest {
    static final List<String> PROVENANCE = List.of("source", "source_sha256", "transcript", "track", "partner",
            "submission", "samtal_version", "config_hash");
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path corpus;
    static String recording;

    @BeforeAll
    static void build() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "is", "--out", gen.toString(), "--name", "interview", "--formats", "flac")).isZero();
        Files.writeString(gen.resolve("submission.json"), """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "submission": "s1", "track": "open",
                 "licence": "CC-BY-4.0", "language": "is", "consent": "Samþykkt skriflega."}
                """);
        assertThat(Main.run("build", gen.toString(), "--out", dir.resolve("corpus").toString(), "-q",
                "--formats", "nemo,kaldi")).isZero();
        corpus = dir.resolve("corpus/open");
        recording = CorpusStore.at(corpus).readManifest().get(0).recordingId();
    }

    static List<JsonNode> lines(Path file) throws Exception {
        try (Stream<String> l = Files.lines(file)) {
            return l.filter(s -> !s.isBlank()).map(s -> {
                try {
                    return JSON.readTree(s);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void aRecordingsProvenanceIsWrittenOnceAndEveryManifestRowCarriesIt() throws Exception {
        CorpusStore store = CorpusStore.at(corpus);
        JsonNode rec = JSON.readTree(store.recordingPart(recording).toFile());
        assertThat(rec.get("source").asText()).isEqualTo("interview.flac");
        assertThat(rec.get("partner").asText()).isEqualTo("ruv");
        assertThat(rec.get("track").asText()).isEqualTo("open");
        assertThat(rec.get("licence").asText()).isEqualTo("CC-BY-4.0");
        assertThat(rec.get("sourceSha256").asText()).hasSize(64);

        List<JsonNode> clips = lines(store.clipsPart(recording));
        assertThat(clips).isNotEmpty();
        for (JsonNode c : clips) {
            assertThat(c.get("recording_id").asText()).isEqualTo(recording);
            for (String field : PROVENANCE) assertThat(c.has(field)).as(field + " of a clip line").isFalse();
        }

        List<JsonNode> rows = lines(store.manifest());
        assertThat(rows).hasSameSizeAs(clips);
        for (JsonNode r : rows) {
            assertThat(r.get("source").asText()).isEqualTo("interview.flac");
            assertThat(r.get("source_sha256").asText()).isEqualTo(rec.get("sourceSha256").asText());
            assertThat(r.get("partner").asText()).isEqualTo("ruv");
            assertThat(r.get("submission").asText()).isEqualTo("s1");
            assertThat(r.get("config_hash").asText()).isEqualTo(rec.get("configHash").asText());
        }
    }

    @Test
    void aCorpusWhosePartsRepeatTheProvenanceOnEveryLineIsStillResumedAndExported(@TempDir Path tmp) throws Exception {
        // the layout of earlier builds: full manifest rows in the part, a done marker without the provenance
        Path old = tmp.resolve("open");
        copy(corpus, old);
        CorpusStore store = CorpusStore.at(old);
        Files.copy(store.manifest(), store.clipsPart(recording), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode marker = (ObjectNode) JSON.readTree(store.recordingPart(recording).toFile());
        marker.remove(List.of("source", "transcript", "track", "partner", "submission", "licence", "samtalVersion"));
        Files.writeString(store.recordingPart(recording), JSON.writeValueAsString(marker));
        String manifest = Files.readString(store.manifest());

        Cli.Run export = Cli.run("export", old.toString(), "--format", "nemo");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(store.manifest())).isEqualTo(manifest);

        Cli.Run rebuild = Cli.run("build", dir.resolve("gen").toString(), "--out", tmp.toString(), "--formats", "nemo,kaldi");
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(rebuild.err()).contains("already built, skipped");
        assertThat(Files.readString(store.manifest())).isEqualTo(manifest);
    }

    @Test
    void theStoreNamesEveryPathAndKeepsItsOwnOutOfThePublishedCorpus() throws Exception {
        CorpusStore store = CorpusStore.at(corpus);
        for (Path own : List.of(store.workDir(), store.held("clips/r/x.flac"), store.partsDir(), store.indexEntry("r"),
                store.clipGroupRecord("k"), store.reviewDatabase(), store.reviewContext(), store.reviewWork(), store.lockFile())) {
            assertThat(CorpusStore.isOwn(store.relative(own))).as(own.toString()).isTrue();
        }
        for (Path published : List.of(store.manifest(), store.rejected(), store.report(), store.clipsOf("r"), store.checksums())) {
            assertThat(CorpusStore.isOwn(store.relative(published))).as(published.toString()).isFalse();
        }
        // the build wrote where the store says, and published no file of its own
        assertThat(store.lockFile()).isRegularFile();
        assertThat(store.indexEntry(recording)).isRegularFile();
        assertThat(Files.readString(store.checksums())).doesNotContain(CorpusStore.OWN + "/").contains(CorpusStore.MANIFEST);
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
