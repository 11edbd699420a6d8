package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.util.Hashes;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each output format's own rules, checked on a corpus built from two generated recordings with different speakers. */
class CorpusFormatsTest {
    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void build() {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "is", "--out", gen.toString(), "--name", "interview", "--formats", "flac")).isZero();
        assertThat(Main.run("synth", "--lang", "is", "--script", "weather-is", "--out", gen.toString(), "--name", "weather",
                "--formats", "mp3", "--seed", "3")).isZero();
        corpus = dir.resolve("corpus");
        assertThat(Main.run("build", gen.toString(), "--lang", "is", "--out", corpus.toString(), "-q",
                "--formats", "nemo,kaldi,lhotse,hf,webdataset,cv")).isZero();
    }

    static List<String> lines(Path p) throws Exception {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    @Test
    void kaldiDataDirsFollowKaldisRules() throws Exception {
        for (String split : List.of("train", "dev", "test")) {
            Path d = corpus.resolve("kaldi").resolve(split);
            List<String> keys = null;
            for (String f : List.of("wav.scp", "text", "utt2spk", "utt2dur", "utt2lang")) {
                String content = Files.readString(d.resolve(f), StandardCharsets.UTF_8);
                assertThat(content).doesNotContain("\r");
                if (!content.isEmpty()) assertThat(content).endsWith("\n");
                List<String> k = content.lines().map(l -> l.split(" ", 2)[0]).toList();
                assertThat(k).as(f + " sorted, unique").isSorted().doesNotHaveDuplicates();
                if (keys == null) keys = k;
                else assertThat(k).as(f + " has the same utterances").isEqualTo(keys);
            }
            for (String line : lines(d.resolve("utt2spk"))) {
                String[] p = line.split(" ");
                assertThat(p[0]).as("utterance ids start with their speaker").startsWith(p[1] + "-");
            }
            for (String line : lines(d.resolve("utt2dur"))) assertThat(Double.parseDouble(line.split(" ")[1])).isPositive();
            // spk2utt is utt2spk inverted
            Set<String> fromSpk2utt = new HashSet<>();
            for (String line : lines(d.resolve("spk2utt"))) {
                String[] p = line.split(" ");
                for (int i = 1; i < p.length; i++) fromSpk2utt.add(p[i] + " " + p[0]);
            }
            assertThat(fromSpk2utt).containsExactlyInAnyOrderElementsOf(lines(d.resolve("utt2spk")));
            for (String line : lines(d.resolve("wav.scp"))) {
                String path = line.split(" ")[5];
                assertThat(Path.of(path)).exists();
            }
        }
    }

    @Test
    void splitsKeepSpeakersApartAndAddUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int all = lines(corpus.resolve("manifest.jsonl")).size();
        Map<String, Set<String>> speakersBySplit = new java.util.HashMap<>();
        int total = 0;
        for (String split : List.of("train", "dev", "test")) {
            Set<String> speakers = new HashSet<>();
            for (String l : lines(corpus.resolve("nemo").resolve(split + "_manifest.jsonl"))) {
                JsonNode r = json.readTree(l);
                speakers.add(r.get("speaker").asText());
                assertThat(corpus.resolve("nemo").resolve(r.get("audio_filepath").asText()).normalize()).exists();
                assertThat(r.get("duration").asDouble()).isPositive();
                total++;
            }
            speakersBySplit.put(split, speakers);
        }
        assertThat(total).isEqualTo(all);
        for (String a : speakersBySplit.keySet()) {
            for (String b : speakersBySplit.keySet()) {
                if (!a.equals(b) && !speakersBySplit.get(b).isEmpty()) {
                    assertThat(speakersBySplit.get(a)).doesNotContainAnyElementsOf(speakersBySplit.get(b));
                }
            }
        }
        JsonNode card = json.readTree(corpus.resolve("card.json").toFile());
        double shares = card.get("splits").get("train").get("share").asDouble() + card.get("splits").get("dev").get("share").asDouble()
                + card.get("splits").get("test").get("share").asDouble();
        assertThat(shares).isBetween(0.999, 1.001);
    }

    @Test
    void splitAssignmentIsStableWhenRecordingsAreAdded() throws Exception {
        List<ManifestRow> rows = new CorpusWriter(corpus, null, null).readRows(corpus.resolve("manifest.jsonl"));
        Map<String, String> before = Splits.defaults().assign(rows);
        List<ManifestRow> more = new ArrayList<>(rows);
        for (int i = 0; i < 200; i++) {
            ManifestRow r = rows.get(0);
            more.add(new ManifestRow("new" + i + "-x", r.audioFilepath(), 10, "t", "t", "is", "spk" + i, "new" + i, 0, 10, 0, 10,
                    0, "length", 0.9, "s", "0", "t", 0, 1, Map.of(), null, null, null, null, null, null, null, null, null, null, "dev", "0", null));
        }
        Map<String, String> after = Splits.defaults().assign(more);
        for (ManifestRow r : rows) assertThat(after.get(r.id())).as(r.id()).isEqualTo(before.get(r.id()));
        // with many small groups, every split gets some
        assertThat(new HashSet<>(after.values())).containsExactlyInAnyOrder("train", "dev", "test");
    }

    @Test
    void lhotseManifestsAreGzippedJsonLinesWithTheirFields() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(corpus.resolve("lhotse/train_recordings.jsonl.gz")))) {
            String first = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            JsonNode r = json.readTree(first);
            assertThat(r.get("sources").get(0).get("type").asText()).isEqualTo("file");
            assertThat(Math.abs(r.get("num_samples").asLong() / 16000.0 - r.get("duration").asDouble())).isLessThan(0.001);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(corpus.resolve("lhotse/sources_recordings.jsonl.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(2);
        }
    }

    @Test
    void huggingFaceAndWebDatasetAndCommonVoiceLayouts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path hf = corpus.resolve("hf/train");
        for (String l : lines(hf.resolve("metadata.jsonl"))) {
            String name = json.readTree(l).get("file_name").asText();
            assertThat(name).doesNotContain("/").doesNotContain("..");
            assertThat(hf.resolve(name)).exists();
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(corpus.resolve("webdataset/train-000000.tar")))) {
            List<String> names = new ArrayList<>();
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) names.add(e.getName());
            assertThat(names).isNotEmpty();
            for (int i = 0; i < names.size(); i += 2) {
                String key = names.get(i).substring(0, names.get(i).indexOf('.'));
                assertThat(names.get(i)).isEqualTo(key + ".flac");
                assertThat(names.get(i + 1)).isEqualTo(key + ".json"); // a sample's members are adjacent
                assertThat(key).doesNotContain(".");
            }
        }
        List<String> cv = lines(corpus.resolve("cv/train.tsv"));
        assertThat(cv.get(0).split("\t")).containsExactly("client_id", "path", "sentence_id", "sentence", "sentence_domain",
                "up_votes", "down_votes", "age", "gender", "accents", "variant", "locale", "segment");
        assertThat(corpus.resolve("clips").resolve(cv.get(1).split("\t")[1])).exists();
    }

    @Test
    void cardPlotsAndChecksumsAreWritten() throws Exception {
        assertThat(corpus.resolve("plots/durations.png")).exists();
        byte[] png = Files.readAllBytes(corpus.resolve("plots/scores.png"));
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(corpus.resolve("card.md"))).contains("| train |").contains("plots/durations.png");
        for (String line : lines(corpus.resolve("SHA256SUMS"))) {
            String[] p = line.split("  ", 2);
            assertThat(Hashes.sha256(corpus.resolve(p[1]))).as(p[1]).isEqualTo(p[0]);
        }
        assertThat(lines(corpus.resolve("SHA256SUMS"))).anyMatch(l -> l.endsWith("manifest.jsonl"))
                .anyMatch(l -> l.contains("clips/"));
    }

    @Test
    void exportWritesFormatsWithoutTheSourceAudio() throws Exception {
        Path copy = dir.resolve("copy");
        try (var files = Files.walk(corpus)) {
            for (Path p : files.toList()) {
                Path t = copy.resolve(corpus.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        // the delivered media are gone: export works from the manifest and clips alone
        List<Path> media = List.of(dir.resolve("gen/interview.flac"), dir.resolve("gen/weather.mp3"));
        for (Path p : media) Files.move(p, p.resolveSibling(p.getFileName() + ".away"));
        try {
            assertThat(Main.run("export", copy.toString(), "--format", "webdataset", "--shard-size", "200000")).isZero();
            try (var shards = Files.list(copy.resolve("webdataset"))) {
                assertThat(shards.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("train-"))).hasSizeGreaterThan(1);
            }
        } finally {
            for (Path p : media) Files.move(p.resolveSibling(p.getFileName() + ".away"), p);
        }
        assertThat(Main.run("export", copy.toString(), "--format", "parquet")).isEqualTo(2);
    }
}
