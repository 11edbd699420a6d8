package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.TruthSentence;
import org.samtal.testing.Cli;
import org.samtal.testing.Cli.Run;
import org.samtal.testing.TestSpeech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs the CLI on real espeak-ng speech encoded by FFmpeg and checks the corpus it writes. */
class BuildEndToEndTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    static Run cli(String... args) {
        return Cli.run(args);
    }

    List<JsonNode> manifest(Path corpus) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("manifest.jsonl"))) rows.add(json.readTree(line));
        return rows;
    }

    @Test
    void buildsACorpusFromEveryFormatRateAndChannelLayout() throws Exception {
        Path in = dir.resolve("in");
        String[][] variants = {{"wav", "44100", "false"}, {"mp3", "48000", "false"}, {"mp4", "44100", "true"},
                {"ogg", "48000", "true"}, {"wav", "48000", "true"}, {"mp3", "44100", "true"}};
        for (String[] v : variants) {
            SyntheticConversation c = TestSpeech.interview(Integer.parseInt(v[1]), Boolean.parseBoolean(v[2]), Double.NaN);
            TestSpeech.write(c, in, "talk-" + v[0] + "-" + v[1] + (v[2].equals("true") ? "-stereo" : "-mono"), v[0]);
        }
        Path out = dir.resolve("corpus");

        // the same conversation six times over: keep the copies, which the build would otherwise leave out
        Run run = cli("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> rows = manifest(out);
        assertThat(rows).hasSizeGreaterThan(variants.length * 10);
        java.util.Map<String, DecodedAudio> sources = new java.util.HashMap<>();
        for (JsonNode r : rows) {
            for (String field : List.of("id", "audio_filepath", "duration", "text", "lang", "speaker", "recording_id",
                    "start", "end", "channel", "aligner", "score")) {
                assertThat(r.has(field)).as(field + " in " + r).isTrue();
            }
            assertThat(r.get("text").asText()).isNotBlank();
            assertThat(r.get("lang").asText()).isEqualTo("is");
            Path clip = out.resolve(r.get("audio_filepath").asText());
            assertThat(clip).exists();
            DecodedAudio a = TestSpeech.media().decode(clip, DecodeOptions.speechMono(), dir.resolve("work"), null);
            double expected = r.get("end").asDouble() - r.get("start").asDouble();
            assertThat(a.duration()).as(clip.toString()).isCloseTo(expected, within(0.010));
            assertThat(r.get("duration").asDouble()).isCloseTo(a.duration(), within(0.001));
            // the clip is the source's samples from the manifest's start to its end, to the sample (at 16 kHz a
            // millisecond is 16 samples: nothing is lost to the manifest's three decimals)
            if (!r.path("metrics").has("channel_separation_db")) {
                DecodedAudio src = sources.computeIfAbsent(r.get("source").asText(), f -> TestSpeech.media().decode(
                        Path.of(f).isAbsolute() ? Path.of(f) : in.resolve(Path.of(f).getFileName()), DecodeOptions.speechMono(),
                        dir.resolve("work"), null));
                long from = Math.round(r.get("start").asDouble() * 16_000);
                long to = Math.round(r.get("end").asDouble() * 16_000);
                assertThat(a.numSamples()).as(clip.toString()).isEqualTo(to - from);
                assertThat(a.read(0, 0, a.numSamples())).as(clip.toString()).isEqualTo(src.read(0, from, to));
            }
            a.delete();
        }
        sources.values().forEach(DecodedAudio::delete);
        assertThat(rows.stream().map(r -> r.get("id").asText()).distinct()).hasSameSizeAs(rows);
        assertThat(rows.stream().map(r -> r.get("speaker").asText()).distinct()).containsExactlyInAnyOrder("guðrún", "þórður");
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("totals").get("ok").asInt()).isEqualTo(variants.length);
        assertThat(report.get("totals").get("failed").asInt()).isZero();
        // the serial tail is timed apart (the cost model's), and lies within the build's whole time
        double assembly = report.get("totals").get("assembly_seconds").asDouble();
        assertThat(assembly).isPositive().isLessThan(report.get("totals").get("elapsed_seconds").asDouble());
    }

    @Test
    void segmentsSitOnTheTrueSpeech() throws Exception {
        SyntheticConversation c = TestSpeech.interview(44_100, false, Double.NaN);
        Path media = TestSpeech.write(c, dir.resolve("in"), "interview", "mp3");
        Path out = dir.resolve("corpus");
        assertThat(cli("build", media.toString(), "--lang", "is", "--out", out.toString()).exit()).isZero();
        List<JsonNode> rows = manifest(out);
        // every true sentence lies inside exactly one segment whose edges are within 0.25 s of the speech
        int placed = 0;
        for (TruthSentence t : c.truth()) {
            for (JsonNode r : rows) {
                double s = r.get("start").asDouble();
                double e = r.get("end").asDouble();
                if (s <= t.start() + 0.05 && e >= t.end() - 0.05 && r.get("text").asText().contains(t.text())) {
                    placed++;
                    break;
                }
            }
        }
        assertThat(placed).as("sentences inside a segment with their text").isGreaterThanOrEqualTo(c.truth().size() * 9 / 10);
        for (JsonNode r : rows) {
            double s = r.get("start").asDouble();
            double e = r.get("end").asDouble();
            double firstSpeech = c.truth().stream().filter(t -> t.end() > s && t.start() < e).mapToDouble(TruthSentence::start).min().orElseThrow();
            double lastSpeech = c.truth().stream().filter(t -> t.end() > s && t.start() < e).mapToDouble(TruthSentence::end).max().orElseThrow();
            assertThat(firstSpeech - s).as("lead-in of " + r.get("id")).isBetween(-0.05, 0.25);
            assertThat(e - lastSpeech).as("tail of " + r.get("id")).isBetween(-0.05, 0.25);
        }
    }

    @Test
    void badInputsAreReportedByNameAndTheRestStillBuilds() throws Exception {
        Path in = dir.resolve("in");
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        TestSpeech.write(c, in, "good", "wav");
        Path goodWav = in.resolve("good.wav");
        // empty
        Files.createFile(in.resolve("empty.mp3"));
        Files.copy(in.resolve("good.txt"), in.resolve("empty.txt"));
        // truncated
        byte[] bytes = Files.readAllBytes(goodWav);
        Files.write(in.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length / 3));
        Files.copy(in.resolve("good.txt"), in.resolve("cut.txt"));
        // not media
        Files.writeString(in.resolve("slides.mp4"), "PowerPoint, not video\n".repeat(50));
        Files.copy(in.resolve("good.txt"), in.resolve("slides.txt"));
        // video without audio
        TestSpeech.videoWithoutAudio(in.resolve("mute.mp4"));
        Files.copy(in.resolve("good.txt"), in.resolve("mute.txt"));
        // transcript with no text
        Files.copy(goodWav, in.resolve("blank.wav"));
        Files.writeString(in.resolve("blank.txt"), "\n  \n\t\n");
        // no transcript
        Files.copy(goodWav, in.resolve("orphan.wav"));
        Path missing = dir.resolve("nowhere.wav");
        Path out = dir.resolve("corpus");

        Run run = cli("build", in.toString(), missing.toString(), "--lang", "is", "--out", out.toString());

        assertThat(run.exit()).isEqualTo(1);
        String all = run.out() + run.err();
        assertThat(all).contains(in.resolve("empty.mp3") + ": is empty");
        assertThat(all).contains(in.resolve("cut.wav") + ": is truncated");
        assertThat(all).contains(in.resolve("slides.mp4") + ": is not a media file");
        assertThat(all).contains(in.resolve("mute.mp4") + ": is a video without an audio track");
        assertThat(all).contains(in.resolve("blank.txt") + ": contains no text");
        assertThat(all).contains(in.resolve("orphan.wav") + ": no transcript");
        assertThat(all).contains(missing + ": does not exist");
        List<JsonNode> rows = manifest(out);
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.get("source").asText()).isEqualTo("good.wav"));
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("totals").get("failed").asInt()).isEqualTo(7);
        assertThat(report.get("totals").get("ok").asInt()).isEqualTo(1);
    }

    @Test
    void aRerunSkipsFinishedRecordingsAndRedoesAnInterruptedOne() throws Exception {
        Path in = dir.resolve("in");
        TestSpeech.write(TestSpeech.interview(16_000, false, Double.NaN), in, "one", "wav");
        TestSpeech.write(TestSpeech.interview(22_050, false, Double.NaN), in, "two", "mp3");
        Path out = dir.resolve("corpus");
        Run built = cli("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep", "--workers", "2");
        assertThat(built.exit()).isZero();
        String first = Files.readString(out.resolve("manifest.jsonl"));
        // two workers each see half the recordings: no running total on their lines, the build's total at the end
        double audioHours = json.readTree(out.resolve("build-report.json").toFile()).get("totals").get("audio_hours").asDouble();
        assertThat(audioHours).isGreaterThan(0);
        assertThat(built.err()).doesNotContain("so far").contains("[recording 1 of 2]").contains("[recording 2 of 2]");
        assertThat(built.out()).contains(String.format(java.util.Locale.ROOT, "audio: %.2f h decoded, the build took ", audioHours));

        Run again = cli("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("0 recordings built, 2 skipped");
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(first);

        // an interruption after clips but before the done marker: that recording is redone, same ids
        try (var parts = Files.list(out.resolve(".samtal/parts"))) {
            Path marker = parts.filter(p -> p.getFileName().toString().startsWith("two-") && p.toString().endsWith(".done"))
                    .findFirst().orElseThrow();
            Files.delete(marker);
        }
        Run resumed = cli("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep");
        assertThat(resumed.out()).contains("1 recording built, 1 skipped");
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(first);

        // a recording left out of the inputs stays in the corpus (a corpus grows delivery by delivery) ...
        Files.delete(in.resolve("two.mp3"));
        assertThat(cli("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep").exit()).isZero();
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).isEqualTo(first);
        // ... until --prune removes it with its segments, and says so in the summary, even quiet
        Run pruned = cli("build", in.toString(), "--lang", "is", "--out", out.toString(), "--duplicates", "keep", "--prune", "-q");
        assertThat(pruned.exit()).isZero();
        assertThat(pruned.out()).containsPattern("pruned: 1 recording not among this build's inputs removed: two-[0-9a-f]+");
        assertThat(manifest(out)).allSatisfy(r -> assertThat(r.get("source").asText()).isEqualTo("one.wav"));
        try (var clips = Files.list(out.resolve("clips"))) {
            assertThat(clips.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("one-"));
        }
    }

    @Test
    void autoPicksTheSyntheticAlignerAndFallsBackToLengthWithAWarning() throws Exception {
        Path media = TestSpeech.write(TestSpeech.interview(16_000, false, Double.NaN), dir.resolve("in"), "talk", "wav");
        Path out = dir.resolve("auto");
        assertThat(cli("build", media.toString(), "--lang", "is", "--out", out.toString()).exit()).isZero();
        assertThat(manifest(out)).isNotEmpty().allSatisfy(r -> assertThat(r.get("aligner").asText()).isEqualTo("synthetic"));

        Path forced = dir.resolve("length");
        assertThat(cli("build", media.toString(), "--lang", "is", "--aligner", "length", "--out", forced.toString()).exit()).isZero();
        assertThat(manifest(forced)).isNotEmpty().allSatisfy(r -> assertThat(r.get("aligner").asText()).isEqualTo("length"));

        // Yoruba: a valid tag, but espeak-ng has no voice for it
        Path yo = dir.resolve("yo");
        Run run = cli("build", media.toString(), "--lang", "yo", "--out", yo.toString());
        assertThat(run.err()).contains("espeak-ng has no voice for yo");
        JsonNode report = json.readTree(yo.resolve("build-report.json").toFile());
        assertThat(report.get("recordings").get(0).get("aligner").asText()).isEqualTo("length");
        assertThat(report.get("recordings").get(0).get("warnings").toString()).contains("aligned by length only");
        // no language model for Yoruba: the language check stays silent rather than flagging everything
        assertThat(manifest(yo)).allSatisfy(r -> assertThat(r.has("flags") && r.get("flags").toString().contains("lang_mismatch")).isFalse());

        Run noVoice = cli("build", media.toString(), "--lang", "yo", "--aligner", "synthetic", "--out", dir.resolve("yo2").toString());
        assertThat(noVoice.exit()).isEqualTo(1);
        assertThat(noVoice.out() + noVoice.err()).contains("espeak-ng has no voice for yo");
    }

    @Test
    void fileUrisAreTheLocalPathsTheyName() throws Exception {
        Path in = dir.resolve("uri-in");
        TestSpeech.write(TestSpeech.interview(16_000, false, Double.NaN), in, "talk", "mp3");
        Path out = dir.resolve("uri-out");
        Run run = cli("build", in.toUri().toString(), "--lang", "is", "--out", out.toUri().toString(), "-q");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(out.resolve("manifest.jsonl")).isNotEmptyFile();
        assertThat(run.out()).contains("in " + out);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(cli("build", dir.toString(), "--lang", "iceland", "--out", dir.resolve("o").toString()).exit()).isEqualTo(2);
        Run wrongTag = cli("build", dir.toString(), "--lang", "isl", "--out", dir.resolve("o").toString());
        assertThat(wrongTag.err()).contains("did you mean 'is'");
        assertThat(cli("build", dir.toString(), "--out", dir.resolve("o").toString()).exit()).isEqualTo(2);
        Run empty = cli("build", dir.toString(), "--lang", "is", "--out", dir.resolve("o").toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no recordings found");
        // what the command refused, and where the options are: not the whole help, which hid the one line that matters
        assertThat(empty.err().lines()).hasSize(2);
        assertThat(empty.err()).startsWith("samtal build: no recordings found").contains("Run 'samtal help build' for every option.");
    }

    @Test
    void synthBuildAndEvalMeasureAccuracyEndToEnd() throws Exception {
        Path gen = dir.resolve("gen");
        Run synth = cli("synth", "--lang", "is", "--out", gen.toString(), "--name", "conv", "--formats", "mp4,ogg",
                "--rate", "48000", "--stereo", "--seed", "5");
        assertThat(synth.exit()).as(synth.err()).isZero();
        assertThat(gen.resolve("conv.mp4")).exists();
        assertThat(gen.resolve("conv.ogg")).exists();
        assertThat(Files.readString(gen.resolve("conv.txt"))).startsWith("Guðrún: Góðan daginn");
        Files.delete(gen.resolve("conv.ogg"));
        Path out = dir.resolve("corpus");
        assertThat(cli("build", gen.toString(), "--lang", "is", "--out", out.toString()).exit()).isZero();
        Run eval = cli("eval", "--truth", gen.resolve("conv.truth.json").toString(), out.toString(), "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode r = json.readTree(eval.out());
        assertThat(r.get("truth_sentences").asInt()).isEqualTo(20);
        assertThat(r.get("false_segments").asInt()).isZero();
        assertThat(r.get("coverage").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.get("median_error").asDouble()).isLessThan(0.05);
        assertThat(r.get("within_100ms").asDouble()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void audioThatIsNotInTheTranscriptYieldsNoConfidentlyWrongSegment() throws Exception {
        Path gen = dir.resolve("gen");
        // 20 s of music-like tones before the interview and 15 s of silence in the middle, noise at 25 dB SNR
        assertThat(cli("synth", "--lang", "is", "--out", gen.toString(), "--name", "show", "--formats", "mp3",
                "--intro", "20", "--gap", "15", "--snr", "25", "--seed", "4", "--transcripts", "turns,plain,srt").exit()).isZero();
        assertThat(Files.readString(gen.resolve("show.srt"))).startsWith("1\n00:00:2");
        assertThat(Files.readString(gen.resolve("show.plain.txt"))).doesNotContain("Guðrún:");
        Path out = dir.resolve("corpus");
        assertThat(cli("build", gen.resolve("show.mp3").toString(), "--lang", "is", "--out", out.toString()).exit()).isZero();
        Run eval = cli("eval", "--truth", gen.resolve("show.truth.json").toString(), out.toString(), "--json");
        JsonNode r = json.readTree(eval.out());
        assertThat(r.get("false_segments").asInt()).isZero();
        assertThat(r.get("within_250ms").asDouble()).isEqualTo(1.0);
        assertThat(r.get("coverage").asDouble()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void timedSubtitlesAreKeptWhereTheyAgreeAndOverruledWhereTheyAreOff() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(cli("synth", "--lang", "is", "--out", gen.toString(), "--name", "show", "--formats", "mp3",
                "--snr", "20", "--seed", "21", "--transcripts", "srt,turns").exit()).isZero();
        Path out = dir.resolve("corpus");
        Run build = cli("build", gen.toString(), "--lang", "is", "--out", out.toString());
        assertThat(build.exit()).isZero();
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        // the .srt is preferred to the .txt, and the .txt is reported as not used
        assertThat(report.get("recordings").get(0).get("transcript").asText()).endsWith("show.srt");
        assertThat(report.get("ignored").toString()).contains("another transcript of show.mp3 was used: show.srt");
        List<JsonNode> rows = manifest(out);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("aligner").asText()).isEqualTo("timed+synthetic"));
        // the SRT's times are coarse (whole seconds +-0.5 s): some turns agree with the audio, some are overruled
        long agreed = rows.stream().filter(r -> Math.abs(r.get("metrics").get("timed_start_offset").asDouble()) <= 0.5
                && Math.abs(r.get("metrics").get("timed_end_offset").asDouble()) <= 0.5).count();
        assertThat(agreed).isPositive().isLessThan(rows.size());
        Run eval = cli("eval", "--truth", gen.resolve("show.truth.json").toString(), out.toString(), "--json");
        JsonNode r = json.readTree(eval.out());
        assertThat(r.get("false_segments").asInt()).isZero();
        assertThat(r.get("within_250ms").asDouble()).isEqualTo(1.0);
    }

    @Test
    void manifestCarriesTrainingTextAndFlagsTurnsInAnotherLanguage() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(cli("synth", "--lang", "is", "--out", gen.toString(), "--name", "talk", "--formats", "wav").exit()).isZero();
        // the partner's transcript has a line in English (code-switching) and an annotation; its words are the same
        String delivered = Files.readString(gen.resolve("talk.txt"))
                .replace("Guðrún: Kærar þakkir fyrir spjallið.", "Guðrún: Thank you so much for the lovely conversation today.")
                .replace("Góðan daginn og velkominn í þáttinn.", "Góðan daginn og velkominn í þáttinn [hlátur].");
        Files.writeString(gen.resolve("talk.txt"), delivered);
        Path out = dir.resolve("corpus");
        Run run = cli("build", gen.toString(), "--lang", "is", "--out", out.toString(), "--case", "lower",
                "--punctuation", "strip", "--min-score", "0");
        assertThat(run.err()).contains("read as another language than is");
        List<JsonNode> rows = manifest(out);
        JsonNode first = rows.get(0);
        assertThat(first.get("text").asText()).isEqualTo("Góðan daginn og velkominn í þáttinn [hlátur].");
        assertThat(first.get("text_normalized").asText()).isEqualTo("góðan daginn og velkominn í þáttinn");
        assertThat(first.get("events").toString()).contains("hlátur");
        assertThat(rows).filteredOn(r -> r.get("text").asText().startsWith("Thank you")).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("flags").toString()).contains("lang_mismatch");
                    assertThat(r.get("lang_detected").asText()).isEqualTo("en");
                });
        assertThat(rows).filteredOn(r -> r.get("text").asText().startsWith("Góðan daginn"))
                .allSatisfy(r -> assertThat(r.has("flags")).isFalse());
    }

    @Test
    void personalDataIsScreenedBeforeAnythingIsWrittenAndNeverPrinted() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(cli("synth", "--lang", "is", "--out", gen.toString(), "--name", "talk", "--formats", "wav").exit()).isZero();
        String delivered = Files.readString(gen.resolve("talk.txt"))
                .replace("Hvað getum við gert til að vernda hana?", "Hvað getum við gert, kennitalan er 120174-3399?")
                .replace("Kærar þakkir fyrir spjallið.", "Hringdu í fimm fimm fimm einn tveir þrír fjórir.");
        Files.writeString(gen.resolve("talk.txt"), delivered);
        Path out = dir.resolve("dropped");
        Run run = cli("build", gen.toString(), "--lang", "is", "--out", out.toString(), "--min-score", "0");
        assertThat(run.exit()).isZero();
        String everything = run.out() + run.err() + Files.readString(out.resolve("build-report.json"))
                + Files.readString(out.resolve("manifest.jsonl"));
        assertThat(everything).doesNotContain("120174").doesNotContain("3399").doesNotContain("fimm fimm fimm");
        assertThat(run.err()).contains("personal-data finding");
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("recordings").get(0).get("personal_data").toString())
                .contains("\"kind\":\"kennitala\"").contains("phone_spelled").contains("dropped");

        Path flagged = dir.resolve("flagged");
        assertThat(cli("build", gen.toString(), "--lang", "is", "--out", flagged.toString(), "--min-score", "0",
                "--personal-data", "flag").exit()).isZero();
        assertThat(manifest(flagged)).filteredOn(r -> r.has("flags") && r.get("flags").toString().contains("personal_data"))
                .hasSize(2);
        assertThat(cli("build", gen.toString(), "--lang", "is", "--out", flagged.toString(), "--personal-data", "keep").err())
                .contains("--personal-data must be drop, redact, redact-text or flag");

        // redact: the synthetic aligner times no characters, so no audio can be silenced: those segments are not
        // published at all (their clips would still say the data), in no format
        Path redacted = dir.resolve("redacted");
        assertThat(cli("build", gen.toString(), "--lang", "is", "--out", redacted.toString(), "--min-score", "0",
                "--personal-data", "redact", "--case", "lower").exit()).isZero();
        assertThat(manifest(redacted)).isNotEmpty().noneMatch(r -> r.get("text_normalized").asText().contains("<"));
        assertThat(json.readTree(redacted.resolve("build-report.json").toFile()).get("recordings").get(0)
                .get("personal_data").toString()).contains("dropped (audio could not be silenced");
        assertThat(Files.readString(redacted.resolve("rejected.jsonl"))).contains("personal_data");

        // redact-text, asked for explicitly: kept with their text redacted, and the flag in every format's metadata
        Path redactedText = dir.resolve("redacted-text");
        assertThat(cli("build", gen.toString(), "--lang", "is", "--out", redactedText.toString(), "--min-score", "0",
                "--personal-data", "redact-text", "--case", "lower", "--formats", "nemo,kaldi,lhotse,hf,webdataset").exit()).isZero();
        List<JsonNode> rows = manifest(redactedText);
        JsonNode kennitala = rows.stream().filter(r -> r.get("text_normalized").asText().contains("<kennitala>"))
                .findFirst().orElseThrow();
        assertThat(kennitala.get("flags").toString()).contains("personal_data_in_audio");
        assertThat(rows).filteredOn(r -> r.get("text_normalized").asText().contains("<phone_spelled>")).hasSize(1);
        String id = kennitala.get("id").asText();
        for (String format : List.of("nemo", "kaldi", "lhotse", "hf", "webdataset")) {
            String all = everyFile(redactedText.resolve(format));
            assertThat(all.lines().filter(l -> l.contains(id) && l.contains("personal_data_in_audio")))
                    .as(format + " carries the flag of " + id).isNotEmpty();
            assertThat(all).as(format).doesNotContain("120174").doesNotContain("fimm fimm fimm");
        }
        for (String f : List.of("manifest.jsonl", "build-report.json")) {
            assertThat(Files.readString(redactedText.resolve(f))).as(f).doesNotContain("120174").doesNotContain("fimm fimm fimm");
        }
    }

    /** The text of every file under a folder: gzip and tar members unpacked, audio skipped. */
    static String everyFile(Path folder) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".flac") || name.endsWith(".wav")) continue;
                if (name.endsWith(".gz")) {
                    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
                        sb.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                } else if (name.endsWith(".tar")) {
                    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(p))) {
                        for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                            if (e.getName().endsWith(".json")) {
                                sb.append(new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).append('\n');
                            }
                        }
                    }
                } else {
                    sb.append(Files.readString(p));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void copiesAmongDeliveriesAreFoundAndLeftOut() throws Exception {
        Path in = dir.resolve("in");
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        Path original = TestSpeech.write(c, in, "a-original", "wav");
        // a lossless copy decodes to the same samples
        TestSpeech.write(c, in, "b-lossless", "flac");
        // a lossy copy with the first 1.5 s trimmed off sounds the same
        short[] pcm = c.channels()[0];
        SyntheticConversation trimmed = new SyntheticConversation(c.sampleRate(),
                new short[][]{Arrays.copyOfRange(pcm, 24_000, pcm.length)}, c.truth(), c.turns());
        TestSpeech.write(trimmed, in, "c-trimmed", "mp3");
        // other audio with the same transcript
        TestSpeech.write(TestSpeech.interview(22_050, false, 15), in, "d-same-words", "ogg");
        Path out = dir.resolve("corpus");
        Run run = cli("build", in.toString(), "--lang", "is", "--out", out.toString());
        assertThat(run.exit()).isZero();
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("totals").get("ok").asInt()).isEqualTo(1);
        assertThat(report.get("totals").get("duplicates").asInt()).isEqualTo(3);
        String messages = report.get("recordings").toString();
        assertThat(messages).contains("b-lossless.flac: a copy of a-original").contains("the same decoded audio")
                .contains("c-trimmed.mp3: a copy of a-original").contains("the same sound")
                .contains("d-same-words.ogg: a copy of a-original").contains("the same transcript");
        assertThat(manifest(out)).allSatisfy(r -> assertThat(r.get("source").asText()).isEqualTo(original.getFileName().toString()));
        Run reported = cli("build", in.toString(), "--lang", "is", "--out", dir.resolve("kept").toString(), "--duplicates", "report");
        // the copies kept as asked are information, not a problem
        assertThat(reported.err()).containsPattern("note: [bcd]-[a-z-]+\\.[a-z0-9]+: a copy of a-original-[0-9a-f]+ \\(the same [a-z ()-]+\\); kept \\(--duplicates report\\)")
                .contains("(the same decoded audio); kept").contains("(the same transcript); kept")
                .doesNotContain("warning: b-lossless.flac: a copy");
        // and so in the report: under the copy's notes, never among its warnings, nor counted with them
        JsonNode keptReport = json.readTree(dir.resolve("kept").resolve("build-report.json").toFile());
        int copies = 0;
        for (JsonNode r : keptReport.get("recordings")) {
            assertThat(r.get("warnings").toString()).doesNotContain("kept (--duplicates report)");
            if (r.get("input").asText().contains("a-original")) continue;
            assertThat(r.get("notes")).anySatisfy(n -> assertThat(n.asText()).startsWith("a copy of a-original-")
                    .endsWith("; kept (--duplicates report)"));
            copies++;
        }
        assertThat(copies).isEqualTo(3);
        int warnings = 0;
        int notes = 0;
        for (JsonNode r : keptReport.get("recordings")) {
            warnings += r.get("warnings").size();
            notes += r.get("notes").size();
        }
        assertThat(keptReport.get("totals").get("warnings").asInt()).isEqualTo(warnings);
        assertThat(keptReport.get("totals").get("notes").asInt()).isEqualTo(notes).isGreaterThanOrEqualTo(3);
        assertThat(reported.out()).contains(warnings + " warning" + (warnings == 1 ? "" : "s") + " worth a look, "
                + notes + " notes");
    }

    @Test
    void probePrintsStreams() throws Exception {
        Path media = TestSpeech.write(TestSpeech.interview(44_100, true, Double.NaN), dir, "talk", "mp4");
        Run run = cli("probe", media.toString(), "--json");
        assertThat(run.exit()).isZero();
        JsonNode info = json.readTree(run.out());
        assertThat(info.get("hasVideo").asBoolean()).isTrue();
        assertThat(info.get("audioStreams").get(0).get("codec").asText()).isEqualTo("aac");
        assertThat(info.get("audioStreams").get(0).get("channels").asInt()).isEqualTo(2);
        assertThat(info.get("audioStreams").get(0).get("sampleRate").asInt()).isEqualTo(44_100);
    }

    @Test
    void demoBuildsTheShippedSample() throws Exception {
        Path samples = Path.of("corpora/samples").toAbsolutePath();
        Path out = dir.resolve("demo");
        Run run = cli("demo", "--samples", samples.toString(), "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        // the interview's two speakers, and the real read speech (its lines name no speaker: the recording is one)
        assertThat(run.out()).contains("2 recordings built").contains("3 speakers")
                .contains("card:     " + out.resolve("card.md")); // the README says the demo prints where the card is
        assertThat(manifest(out)).hasSizeGreaterThanOrEqualTo(20);
    }

    /** The card counts what the filters removed from the whole corpus, not only from the recordings this build made. */
    @Test
    void theCardCountsTheFiltersOverTheWholeCorpusAlsoWhenNothingWasRebuilt() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(cli("synth", "--lang", "is", "--out", gen.toString(), "--name", "talk", "--formats", "wav").exit()).isZero();
        Path out = dir.resolve("corpus");
        assertThat(cli("build", gen.toString(), "--lang", "is", "--out", out.toString(), "--max-duration", "3", "-q").exit()).isZero();
        JsonNode first = json.readTree(out.resolve("card.json").toFile()).get("filters_removed");
        long rejected = Files.readAllLines(out.resolve("rejected.jsonl")).stream().filter(l -> l.contains("\"rule\":\"duration\"")).count();
        assertThat(rejected).isPositive();
        assertThat(first.get("duration").get("segments").asLong()).isEqualTo(rejected);
        // each rejected row says the channel it lies on, as the manifest does (the mono mix here)
        for (String line : Files.readAllLines(out.resolve("rejected.jsonl"))) assertThat(json.readTree(line).get("channel").asInt()).isZero();
        // the same build again: every recording skipped, none removed by this build, the corpus as it was
        Run again = cli("build", gen.toString(), "--lang", "is", "--out", out.toString(), "--max-duration", "3", "-q");
        assertThat(again.exit()).isZero();
        JsonNode report = json.readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("totals").get("skipped").asInt()).isEqualTo(1);
        assertThat(json.readTree(out.resolve("card.json").toFile()).get("filters_removed")).isEqualTo(first);
        assertThat(Files.readString(out.resolve("card.md"))).contains("| duration | " + rejected + " |");
    }
}
