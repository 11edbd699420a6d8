package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.util.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Export rules that need rows of a kind a generated build does not make: word times, the private track. */
class ExporterTest {
    @TempDir
    Path corpus;
    final ObjectMapper json = Json.mapper();

    ManifestRow row(String id, String speaker, double start, double end, String track) {
        return new ManifestRow(id, "clips/" + id.substring(0, id.lastIndexOf('-')) + "/" + id + ".flac", end - start, "Góðan daginn.",
                "góðan daginn", "is", speaker, id.substring(0, id.lastIndexOf('-')), start, end, start + 0.1, end - 0.1, 0, "vosk",
                0.9, "a.wav", "0", "a.txt", 0, 13, Map.of(), null, null, null, null, "f", "40-49", null, track, "ruv", "s1", "dev",
                "0", null, null);
    }

    /**
     * Writes manifest.jsonl as the build does, with {@code words} added to the rows that have them, and a clip per
     * row; returns the rows as read back from it.
     */
    List<ManifestRow> manifest(List<ManifestRow> rows, Map<String, String> words) throws Exception {
        List<String> lines = new ArrayList<>();
        List<ManifestRow> out = new ArrayList<>();
        for (ManifestRow r : rows) {
            ObjectNode o = json.valueToTree(r);
            if (words.containsKey(r.id())) o.set("words", json.readTree(words.get(r.id())));
            lines.add(json.writeValueAsString(o));
            out.add(json.treeToValue(o, ManifestRow.class));
            Files.createDirectories(corpus.resolve(r.audioFilepath()).getParent());
            Files.write(corpus.resolve(r.audioFilepath()), new byte[]{1, 2, 3});
        }
        Files.write(corpus.resolve("manifest.jsonl"), lines, StandardCharsets.UTF_8);
        return out;
    }

    @Test
    void wordTimesBecomeTheSupervisionsWordAlignmentAndNothingWithoutThem() throws Exception {
        List<ManifestRow> rows = List.of(row("viðtal-aaaa1111-010000", "guðrún", 10.0, 12.5, "open"),
                row("veður-bbbb2222-003000", "kristján", 3.0, 5.0, "open"));
        // in seconds of the source recording; the last word lies past the clip's end
        List<ManifestRow> read = manifest(rows, Map.of("viðtal-aaaa1111-010000",
                "[{\"word\":\"góðan\",\"start\":10.2,\"end\":10.6},{\"word\":\"daginn\",\"start\":10.65,\"end\":11.2},"
                        + "{\"word\":\"og\",\"start\":12.4,\"end\":12.9}]"));
        new Exporter(corpus, null, Exporter.DEFAULT_SHARD_BYTES).export(read, List.of("lhotse"), Map.of());
        Map<String, JsonNode> cuts = new java.util.HashMap<>();
        for (JsonNode c : CorpusFormatsTest.gzLines(corpus.resolve("lhotse/cuts_train.jsonl.gz"))) cuts.put(c.get("id").asText(), c);
        // Lhotse's AlignmentItem: [symbol, start, duration], start in the clip recording's time
        assertThat(cuts.get("viðtal-aaaa1111-010000").get("supervisions").get(0).get("alignment").toString())
                .isEqualTo("{\"word\":[[\"góðan\",0.2,0.4],[\"daginn\",0.65,0.55]]}");
        assertThat(cuts.get("veður-bbbb2222-003000").get("supervisions").get(0).has("alignment")).isFalse();
        assertThat(CorpusFormatsTest.gzLines(corpus.resolve("lhotse/train_supervisions.jsonl.gz")))
                .anyMatch(s -> s.has("alignment")).anyMatch(s -> !s.has("alignment"));
    }

    @Test
    void thePrivateTracksDatasetCardSaysItIsPrivate() throws Exception {
        List<ManifestRow> rows = List.of(row("viðtal-aaaa1111-010000", "guðrún", 10.0, 12.5, "private"),
                row("veður-bbbb2222-003000", "kristján", 3.0, 5.0, "private"));
        manifest(rows, Map.of());
        new Exporter(corpus, null, Exporter.DEFAULT_SHARD_BYTES).export(rows, List.of("hf"), Map.of());
        String card = Files.readString(corpus.resolve("hf/README.md"));
        assertThat(card).startsWith("---\nlicense: other\nlicense_name: private\n").contains("**Private.**")
                .contains("Do not publish it");
        // only what was asked for is written
        try (var dirs = Files.list(corpus)) {
            assertThat(dirs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("clips", "manifest.jsonl", "hf");
        }
    }

    @Test
    void commonVoiceVocabulary() {
        assertThat(CommonVoiceLayout.age("40-49")).isEqualTo("fourties");
        assertThat(CommonVoiceLayout.age("13-19")).isEqualTo("teens");
        assertThat(CommonVoiceLayout.age("72")).isEqualTo("seventies");
        assertThat(CommonVoiceLayout.age("35-44")).isEmpty();
        assertThat(CommonVoiceLayout.age("old")).isEmpty();
        assertThat(CommonVoiceLayout.gender("f")).isEqualTo("female_feminine");
        assertThat(CommonVoiceLayout.gender("m")).isEqualTo("male_masculine");
        assertThat(CommonVoiceLayout.gender(null)).isEmpty();
    }

    @Test
    void kaldiPipesQuoteWhatTheShellWouldSplit() {
        assertThat(KaldiLayout.wavEntry("clips/þórður-1a2b3c4d/x-001.flac")).isEqualTo("sox clips/þórður-1a2b3c4d/x-001.flac -t wav - |");
        assertThat(KaldiLayout.wavEntry("clips/a b/it's.flac")).isEqualTo("sox 'clips/a b/it'\\''s.flac' -t wav - |");
        assertThat(KaldiLayout.wavEntry("clips/r/x.wav")).isEqualTo("clips/r/x.wav");
    }

    /**
     * The formats are written side by side: one that fails (a clip gone, which the Hugging Face and Common Voice
     * folders link) is reported, naming the format and the file, and the others are still written whole.
     */
    @Test
    void aFormatThatFailsLeavesTheOthersWhole() throws Exception {
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) rows.add(row(String.format("rec%02d-aaaa1111-%06d", i % 4, i * 1000), "s" + (i % 4), i, i + 0.9, "open"));
        List<ManifestRow> read = manifest(rows, Map.of());
        Files.delete(corpus.resolve(read.get(7).audioFilepath()));
        Exporter exporter = new Exporter(corpus, null, Exporter.DEFAULT_SHARD_BYTES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exporter.export(read, List.of("nemo", "kaldi", "hf", "cv"), Map.of()))
                .hasMessageContaining(read.get(7).id());
        // NeMo and Kaldi list every row, whatever finished first
        int listed = 0;
        try (var files = Files.list(corpus.resolve("nemo"))) {
            for (Path f : files.toList()) listed += Files.readAllLines(f).size();
        }
        assertThat(listed).isEqualTo(40);
        int kaldi = 0;
        try (var dirs = Files.list(corpus.resolve("kaldi"))) {
            for (Path d : dirs.toList()) kaldi += Files.readAllLines(d.resolve("wav.scp")).size();
        }
        assertThat(kaldi).isEqualTo(40);
    }

    /** A stereo recording split per channel has one delivered file: that it is missing is said once (found in a user trial). */
    @Test
    void aMissingDeliveredFileIsSaidOnceForBothChannels() throws Exception {
        List<ManifestRow> rows = new ArrayList<>();
        for (int ch = 0; ch < 2; ch++) {
            String id = "samtal-cccc3333-00" + ch + "000";
            rows.add(new ManifestRow(id, "clips/samtal-cccc3333/" + id + ".flac", 0.9, "Góðan daginn.", "góðan daginn", "is",
                    "s" + ch, "samtal-cccc3333", ch, ch + 0.9, ch + 0.1, ch + 0.8, ch, "synthetic", 0.9, "gone.wav", "0", "a.txt",
                    0, 13, Map.of("channel_separation_db", 30.0), null, null, null, null, "f", "40-49", null, "open", "ruv",
                    "s1", "dev", "0", null, null));
        }
        List<ManifestRow> read = manifest(rows, Map.of());
        Exporter exporter = new Exporter(corpus, new org.samtal.media.Media(), Exporter.DEFAULT_SHARD_BYTES);
        exporter.export(read, List.of("kaldi_sources"), Map.of("samtal-cccc3333", corpus.resolve("gone.wav")));
        assertThat(exporter.warnings()).hasSize(1);
        assertThat(exporter.warnings().get(0)).contains("samtal-cccc3333").contains("not at hand");
    }
}
