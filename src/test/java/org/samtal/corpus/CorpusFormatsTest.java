package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;
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

/**
 * Each output format's own rules, checked on a corpus built from two generated recordings with different speakers,
 * delivered with a submission: a mono FLAC and a 44.1 kHz stereo MP3. With two groups of speakers and recordings,
 * both too large to hold out, dev and test stay empty.
 */
class CorpusFormatsTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static final String ALL = "nemo,kaldi,kaldi_sources,lhotse,hf,webdataset,cv,mfa";
    /**
     * Named speakers are scoped to their delivery (one id, one person across the corpus): partner {@code ruv} and the
     * submission, which submission.json does not name, so it is named after its folder, {@code gen}.
     */
    static final String DELIVERY = "ruv-gen-";

    @BeforeAll
    static void build() throws Exception {
        Path gen = dir.resolve("gen");
        assertThat(Main.run("synth", "--lang", "is", "--out", gen.toString(), "--name", "interview", "--formats", "flac")).isZero();
        assertThat(Main.run("synth", "--lang", "is", "--script", "weather-is", "--out", gen.toString(), "--name", "weather",
                "--formats", "mp3", "--seed", "3", "--stereo", "--rate", "44100")).isZero();
        Files.writeString(gen.resolve("submission.json"), """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Samþykkt skriflega.",
                 "recordings": [
                   {"file": "interview.flac", "speakers": [{"name": "Guðrún", "gender": "f", "age_range": "40-49"},
                                                           {"name": "Þórður", "gender": "m", "age_range": "60-69"}]},
                   {"file": "weather.mp3", "speakers": [{"name": "Sigríður", "gender": "other", "age_range": "25-34"},
                                                        {"name": "Kristján"}]}]}
                """);
        // the stereo MP3 mixed to mono, as a recording of one room is (its speakers are on channels of their own, which
        // a build would otherwise split: SpeakerChannelsBuildTest)
        assertThat(Main.run("build", gen.toString(), "--out", dir.resolve("corpus").toString(), "-q", "--formats", ALL,
                "--channels", "mix")).isZero();
        corpus = dir.resolve("corpus/open");
    }

    /** The splits that have segments, as the card says. */
    static List<String> splits() throws Exception {
        JsonNode card = new ObjectMapper().readTree(corpus.resolve("card.json").toFile());
        List<String> out = new ArrayList<>();
        for (String s : List.of("train", "dev", "test")) if (card.get("splits").get(s).get("segments").asInt() > 0) out.add(s);
        return out;
    }

    static List<JsonNode> gzLines(Path p) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            List<JsonNode> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) out.add(json.readTree(l));
            return out;
        }
    }

    /**
     * Kaldi's own check of a data directory, from the copy in .ci/kaldi-utils; fails on its failure. Its check for
     * non-printable characters looks for a locale spelled C.UTF-8 or en_US.UTF-8 in {@code locale -a}; where the
     * machine spells it C.utf8 only, the same grep is run here in that locale and the script skips its own.
     */
    static void validateDataDir(Path data) throws Exception {
        Path utils = Path.of(".ci/kaldi-utils").toAbsolutePath();
        String locales = run(List.of("locale", "-a"), utils, Map.of());
        List<String> cmd = new ArrayList<>(List.of("bash", "utils/validate_data_dir.sh", "--no-feats"));
        if (!locales.contains("C.UTF-8") && !locales.contains("en_US.UTF-8")) {
            assertThat(run(List.of("bash", "-c", "grep -c '[^[:print:][:space:]]' " + data.resolve("text") + " || true"), utils,
                    Map.of("LC_ALL", "C.utf8")).strip()).as("lines of " + data + "/text with non-printable characters").isEqualTo("0");
            cmd.add("--non-print");
        }
        cmd.add(data.toAbsolutePath().toString());
        run(cmd, utils, Map.of());
    }

    static String run(List<String> cmd, Path cwd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
        return out;
    }

    /** Runs a wav.scp entry the way Kaldi does (a pipe through the shell, or a file), from {@code cwd}; returns the WAV bytes. */
    static byte[] readWavScpEntry(String entry, Path cwd) throws Exception {
        if (!entry.endsWith("|")) return Files.readAllBytes(cwd.resolve(entry));
        Process p = new ProcessBuilder("bash", "-c", entry.substring(0, entry.length() - 1)).directory(cwd.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] wav = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(entry).isZero();
        return wav;
    }

    static int wavRate(byte[] wav) {
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        return java.nio.ByteBuffer.wrap(wav, 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    static List<String> lines(Path p) throws Exception {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    @Test
    void kaldiDataDirsFollowKaldisRules() throws Exception {
        for (String split : splits()) {
            Path d = corpus.resolve("kaldi").resolve(split);
            List<String> keys = null;
            for (String f : List.of("wav.scp", "text", "utt2spk", "utt2dur", "utt2lang")) {
                String content = Files.readString(d.resolve(f), StandardCharsets.UTF_8);
                assertThat(content).doesNotContain("\r").endsWith("\n");
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
            validateDataDir(d);
        }
    }

    @Test
    void kaldiWavScpNeedsOnlySoxAndPathsRelativeToTheCorpus() throws Exception {
        for (String split : splits()) {
            for (String line : lines(corpus.resolve("kaldi").resolve(split).resolve("wav.scp"))) {
                String entry = line.split(" ", 2)[1];
                // FLAC clips through sox (what Kaldi's tools install), never the flac program; no absolute path
                assertThat(entry).startsWith("sox clips/").endsWith(" -t wav - |").doesNotContain(dir.toString());
                byte[] wav = readWavScpEntry(entry, corpus);
                assertThat(wavRate(wav)).isEqualTo(16000);
                assertThat(wav.length).isGreaterThan(16000); // at least half a second of 16-bit samples
            }
        }
    }

    @Test
    void kaldiSourcesIsTheLongRecordingLayout() throws Exception {
        List<String> found = new ArrayList<>();
        for (String split : splits()) {
            Path d = corpus.resolve("kaldi_sources").resolve(split);
            validateDataDir(d);
            Map<String, String> wavs = new java.util.TreeMap<>();
            for (String line : lines(d.resolve("wav.scp"))) {
                String[] p = line.split(" ", 2);
                assertThat(p[1]).startsWith("kaldi_sources/wav/").endsWith(".wav");
                byte[] wav = Files.readAllBytes(corpus.resolve(p[1]));
                assertThat(wavRate(wav)).isEqualTo(16000);
                assertThat(java.nio.ByteBuffer.wrap(wav, 22, 2).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort()).as("mono").isEqualTo((short) 1);
                wavs.put(p[0], p[1]);
                found.add(p[0]);
            }
            assertThat(lines(d.resolve("reco2file_and_channel"))).hasSize(wavs.size());
            List<String> utts = lines(d.resolve("utt2spk")).stream().map(l -> l.split(" ")[0]).toList();
            List<String> segments = lines(d.resolve("segments"));
            assertThat(segments.stream().map(l -> l.split(" ")[0]).toList()).isEqualTo(utts);
            for (String line : segments) {
                String[] p = line.split(" ");
                assertThat(p).hasSize(4);
                assertThat(wavs).containsKey(p[1]);
                assertThat(Double.parseDouble(p[3])).isGreaterThan(Double.parseDouble(p[2]));
            }
        }
        // both delivered recordings, the stereo MP3 among them, decoded to 16 kHz mono
        assertThat(found).hasSize(2);
    }

    @Test
    void splitsKeepSpeakersApartAndAddUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int all = lines(corpus.resolve("manifest.jsonl")).size();
        Map<String, Set<String>> speakersBySplit = new java.util.HashMap<>();
        int total = 0;
        for (String split : splits()) {
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
                    0, "length", 0.9, "s", "0", "t", 0, 1, Map.of(), null, null, null, null, null, null, null, null, null, null, "dev", "0", null, null));
        }
        Map<String, String> after = Splits.defaults().assign(more);
        for (ManifestRow r : rows) assertThat(after.get(r.id())).as(r.id()).isEqualTo(before.get(r.id()));
        // with many small groups, every split gets some
        assertThat(new HashSet<>(after.values())).containsExactlyInAnyOrder("train", "dev", "test");
    }

    @Test
    void emptySplitsGetNoFilesAndTheCardSaysSo() throws Exception {
        JsonNode card = new ObjectMapper().readTree(corpus.resolve("card.json").toFile());
        List<String> empty = new ArrayList<>();
        card.get("empty_splits").forEach(n -> empty.add(n.asText()));
        assertThat(empty).as("this corpus is too small to hold out dev and test").containsExactly("dev", "test");
        for (String split : empty) {
            try (var files = Files.walk(corpus)) {
                assertThat(files.map(p -> corpus.relativize(p).toString()).filter(p -> !p.startsWith("clips/") && !p.startsWith(".samtal")
                        && p.matches(".*(^|[/_])" + split + "([/._-].*|$)"))).as(split).isEmpty();
            }
        }
        assertThat(Files.readString(corpus.resolve("card.md"))).contains("The dev and test splits have no segments")
                .contains("so no format has files for them");
    }

    @Test
    void lhotseManifestsAreRelativeToTheCorpusAndDeclareTheSourcesChannels() throws Exception {
        for (String split : splits()) {
            for (JsonNode r : gzLines(corpus.resolve("lhotse/" + split + "_recordings.jsonl.gz"))) {
                assertThat(r.get("sources").get(0).get("type").asText()).isEqualTo("file");
                String source = r.get("sources").get(0).get("source").asText();
                assertThat(source).startsWith("clips/");
                assertThat(corpus.resolve(source)).exists(); // with_path_prefix(CORPUS) finds it wherever the corpus is
                assertThat(Math.abs(r.get("num_samples").asLong() / 16000.0 - r.get("duration").asDouble())).isLessThan(0.001);
            }
        }
        Map<String, JsonNode> sources = new java.util.HashMap<>();
        for (JsonNode r : gzLines(corpus.resolve("lhotse/sources_recordings.jsonl.gz"))) sources.put(r.get("id").asText(), r);
        assertThat(sources).hasSize(2);
        JsonNode stereo = sources.values().stream().filter(r -> r.get("id").asText().startsWith("weather-")).findFirst().orElseThrow();
        JsonNode mono = sources.values().stream().filter(r -> r.get("id").asText().startsWith("interview-")).findFirst().orElseThrow();
        assertThat(stereo.get("sampling_rate").asInt()).isEqualTo(44100);
        assertThat(stereo.get("sources").get(0).get("channels").toString()).isEqualTo("[0,1]");
        assertThat(mono.get("sources").get(0).get("channels").toString()).isEqualTo("[0]");
        // the clips are the mix of every channel: a source supervision of the stereo file is on both
        int onStereo = 0;
        for (String split : splits()) {
            for (JsonNode s : gzLines(corpus.resolve("lhotse/" + split + "_source_supervisions.jsonl.gz"))) {
                boolean isStereo = s.get("recording_id").asText().equals(stereo.get("id").asText());
                assertThat(s.get("channel").toString()).isEqualTo(isStereo ? "[0,1]" : "0");
                if (isStereo) onStereo++;
                JsonNode rec = sources.get(s.get("recording_id").asText());
                assertThat(s.get("start").asDouble() + s.get("duration").asDouble()).isLessThanOrEqualTo(rec.get("duration").asDouble() + 0.001);
            }
        }
        assertThat(onStereo).isPositive();
    }

    @Test
    void lhotseCutsAreMonoCutsOfTheClips() throws Exception {
        int cuts = 0;
        for (String split : splits()) {
            List<JsonNode> sups = gzLines(corpus.resolve("lhotse/" + split + "_supervisions.jsonl.gz"));
            List<JsonNode> lines = gzLines(corpus.resolve("lhotse/cuts_" + split + ".jsonl.gz"));
            assertThat(lines).hasSameSizeAs(sups);
            for (int i = 0; i < lines.size(); i++) {
                JsonNode c = lines.get(i);
                assertThat(c.get("type").asText()).isEqualTo("MonoCut");
                assertThat(c.get("start").asDouble()).isZero();
                assertThat(c.get("channel").asInt()).isZero();
                assertThat(c.get("duration").asDouble()).isEqualTo(c.get("recording").get("duration").asDouble());
                assertThat(c.get("recording").get("sources").get(0).get("source").asText()).startsWith("clips/");
                assertThat(c.get("supervisions")).hasSize(1);
                assertThat(c.get("supervisions").get(0)).isEqualTo(sups.get(i));
                // the synthetic aligner times words: Lhotse's [symbol, start, duration], in the clip's time
                JsonNode words = c.get("supervisions").get(0).get("alignment").get("word");
                assertThat(words.size()).isPositive();
                for (JsonNode w : words) {
                    assertThat(w.get(0).asText()).isNotBlank();
                    assertThat(w.get(1).asDouble()).isBetween(-1e-6, c.get("duration").asDouble());
                    assertThat(w.get(2).asDouble()).isGreaterThanOrEqualTo(0);
                }
                cuts++;
            }
        }
        assertThat(cuts).isEqualTo(lines(corpus.resolve("manifest.jsonl")).size());
    }

    @Test
    void huggingFaceAudiofolderWithItsDatasetCard() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path hf = corpus.resolve("hf/train");
        for (String l : lines(hf.resolve("metadata.jsonl"))) {
            String name = json.readTree(l).get("file_name").asText();
            assertThat(name).doesNotContain("/").doesNotContain("..");
            assertThat(hf.resolve(name)).exists();
        }
        String card = Files.readString(corpus.resolve("hf/README.md"));
        String yaml = card.substring(4, card.indexOf("\n---\n", 4) + 1);
        assertThat(card).startsWith("---\n");
        assertThat(yaml).contains("license: cc-by-4.0\n", "language:\n- is\n", "task_categories:\n- automatic-speech-recognition\n",
                "size_categories:\n- n<1K\n", "configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: train/*\n");
        assertThat(yaml).doesNotContain("validation").doesNotContain("split: test");
        int segments = lines(corpus.resolve("manifest.jsonl")).size();
        assertThat(card).contains(segments + " segments").contains("| train | " + segments + " |")
                .contains("The validation and test splits have no segments, so they are not written.").doesNotContain("Private");
    }

    @Test
    void webDatasetSamplesAreAdjacentMembersOfOneKey() throws Exception {
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
    }

    @Test
    void commonVoiceClipsAreWhereItsLoadersLookWithItsSpeakerVocabulary() throws Exception {
        List<String> cv = lines(corpus.resolve("cv/train.tsv"));
        assertThat(cv.get(0).split("\t")).containsExactly("client_id", "path", "sentence_id", "sentence", "sentence_domain",
                "up_votes", "down_votes", "age", "gender", "accents", "variant", "locale", "segment");
        Map<String, ManifestRow> rows = new java.util.HashMap<>();
        for (ManifestRow r : new CorpusWriter(corpus, null, null).readRows(corpus.resolve("manifest.jsonl"))) rows.put(r.id(), r);
        Map<String, Set<String>> clientIds = new java.util.HashMap<>();
        Set<String> durations = new HashSet<>(lines(corpus.resolve("cv/clip_durations.tsv")));
        for (String line : cv.subList(1, cv.size())) {
            String[] c = line.split("\t", -1);
            assertThat(c).hasSize(13);
            ManifestRow r = rows.get(c[2]);
            Path clip = corpus.resolve("cv/clips").resolve(c[1]);
            // hard-linked: the same file as the corpus's clip, no extra space
            assertThat(Files.getAttribute(clip, "unix:ino")).isEqualTo(Files.getAttribute(corpus.resolve(r.audioFilepath()), "unix:ino"));
            assertThat(c[0]).matches("[0-9a-f]{128}").doesNotContain(r.speaker());
            clientIds.computeIfAbsent(r.speaker(), k -> new HashSet<>()).add(c[0]);
            String[] expected = switch (r.speaker()) {
                case DELIVERY + "guðrún" -> new String[]{"fourties", "female_feminine"};
                case DELIVERY + "þórður" -> new String[]{"sixties", "male_masculine"};
                // 25-34 spans two of CV's decades; "other" is not in its vocabulary; Kristján has no metadata
                default -> new String[]{"", ""};
            };
            assertThat(new String[]{c[7], c[8]}).as(r.speaker()).containsExactly(expected);
            assertThat(c[11]).isEqualTo("is");
            assertThat(durations).contains(c[1] + "\t" + Math.round(r.duration() * 1000));
        }
        assertThat(clientIds.keySet()).containsExactlyInAnyOrder(DELIVERY + "guðrún", DELIVERY + "þórður", DELIVERY + "sigríður",
                DELIVERY + "kristján");
        clientIds.values().forEach(ids -> assertThat(ids).hasSize(1)); // one stable id per speaker
        assertThat(new HashSet<>(clientIds.values())).hasSize(4);
    }

    @Test
    void mfaCorpusHasAFolderPerSpeakerWithLabFiles() throws Exception {
        List<ManifestRow> rows = new CorpusWriter(corpus, null, null).readRows(corpus.resolve("manifest.jsonl"));
        try (var speakers = Files.list(corpus.resolve("mfa"))) {
            assertThat(speakers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(DELIVERY + "guðrún", DELIVERY + "þórður",
                    DELIVERY + "sigríður", DELIVERY + "kristján");
        }
        for (ManifestRow r : rows) {
            Path audio = corpus.resolve("mfa").resolve(r.speaker()).resolve(Path.of(r.audioFilepath()).getFileName().toString());
            assertThat(Files.getAttribute(audio, "unix:ino")).isEqualTo(Files.getAttribute(corpus.resolve(r.audioFilepath()), "unix:ino"));
            Path lab = audio.resolveSibling(r.id() + ".lab");
            assertThat(Files.readString(lab, StandardCharsets.UTF_8)).isEqualTo(r.textNormalized().strip() + "\n");
        }
        try (var files = Files.walk(corpus.resolve("mfa"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2L * rows.size());
        }
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

    /**
     * A format written by an earlier export (not among the build's --formats) is written again by the next build, so
     * it lists the recording the build added (found in a user trial: mfa/, webdataset/ stayed as they were).
     */
    @Test
    void aBuildWritesAgainTheFormatsAnEarlierExportLeft() throws Exception {
        Path one = dir.resolve("stale-in/one");
        Path both = dir.resolve("stale-in/both");
        Files.createDirectories(one);
        Files.createDirectories(both);
        for (String f : List.of("interview.flac", "interview.txt")) {
            Files.copy(dir.resolve("gen").resolve(f), one.resolve(f));
            Files.copy(dir.resolve("gen").resolve(f), both.resolve(f));
        }
        for (String f : List.of("weather.mp3", "weather.txt")) Files.copy(dir.resolve("gen").resolve(f), both.resolve(f));
        Path out = dir.resolve("stale-out");
        assertThat(Main.run("build", one.toString(), "--lang", "is", "--out", out.toString(), "-q", "--channels", "mix")).isZero();
        Cli.Run export = Cli.run("export", out.toString(), "--format", "mfa", "-q");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).isEmpty(); // -q, as build takes it
        assertThat(out.resolve("mfa")).isDirectory();
        Cli.Run second = Cli.run("build", both.toString(), "--lang", "is", "--out", out.toString(), "--channels", "mix");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err() + second.out()).contains("also wrote mfa again");
        long weatherRows;
        try (var lines = Files.lines(out.resolve("manifest.jsonl"))) {
            weatherRows = lines.filter(l -> l.contains("\"recording_id\":\"weather-")).count();
        }
        assertThat(weatherRows).isPositive();
        long weatherLabs;
        try (var files = Files.walk(out.resolve("mfa"))) {
            weatherLabs = files.filter(p -> p.getFileName().toString().startsWith("weather-") && p.toString().endsWith(".lab")).count();
        }
        assertThat(weatherLabs).isEqualTo(weatherRows);
    }

    static Path copyOf(Path from, String name) throws Exception {
        Path copy = dir.resolve(name);
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = copy.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return copy;
    }

    @Test
    void exportWritesTheFormatAskedForOnlyAndWithoutTheSourceAudio() throws Exception {
        Path copy = copyOf(corpus, "copy");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        List<Path> others;
        try (var files = Files.walk(copy)) {
            others = files.filter(Files::isRegularFile).filter(p -> !copy.relativize(p).startsWith("webdataset")).toList();
        }
        for (Path p : others) Files.setLastModifiedTime(p, old);
        // the delivered media are gone: export works from the manifest and clips alone
        List<Path> media = List.of(dir.resolve("gen/interview.flac"), dir.resolve("gen/weather.mp3"));
        for (Path p : media) Files.move(p, p.resolveSibling(p.getFileName() + ".away"));
        try {
            assertThat(Main.run("export", copy.toString(), "--format", "webdataset", "--shard-size", "200000")).isZero();
            java.util.Map<String, String> first = new java.util.TreeMap<>();
            try (var shards = Files.list(copy.resolve("webdataset"))) {
                for (Path p : shards.toList()) first.put(p.getFileName().toString(), org.samtal.util.Hashes.sha256(p));
            }
            assertThat(first.keySet()).filteredOn(n -> n.startsWith("train-")).hasSizeGreaterThan(1);
            // shards are published files like the others (readable in an open corpus, no temp files left), and the
            // same corpus gives the same bytes: exported again, SHA256SUMS need not change
            for (String n : first.keySet()) {
                assertThat(n).matches("(train|dev|test)-\\d{6}\\.tar");
                assertThat(Files.getPosixFilePermissions(copy.resolve("webdataset").resolve(n)))
                        .isEqualTo(Files.getPosixFilePermissions(copy.resolve("manifest.jsonl")));
            }
            Thread.sleep(1100);
            assertThat(Main.run("export", copy.toString(), "--format", "webdataset", "--shard-size", "200000")).isZero();
            java.util.Map<String, String> again = new java.util.TreeMap<>();
            try (var shards = Files.list(copy.resolve("webdataset"))) {
                for (Path p : shards.toList()) again.put(p.getFileName().toString(), org.samtal.util.Hashes.sha256(p));
            }
            assertThat(again).isEqualTo(first);
        } finally {
            for (Path p : media) Files.move(p.resolveSibling(p.getFileName() + ".away"), p);
        }
        // every other format is left as it was; the manifest, card and checksums (and their cache) are refreshed, and the lock file says
        // who wrote last (export holds the corpus's lock while it writes)
        List<String> rewritten = new ArrayList<>();
        for (Path p : others) {
            String rel = copy.relativize(p).toString();
            if (!Files.exists(p) || !Files.getLastModifiedTime(p).equals(old)) rewritten.add(rel);
        }
        assertThat(rewritten).allMatch(rel -> rel.equals("manifest.jsonl") || rel.startsWith("card.") || rel.startsWith("plots/")
                || rel.equals("SHA256SUMS") || rel.equals(CorpusLock.FILE)
                || rel.equals(CorpusStore.OWN + "/checksums.cache"));
        assertThat(Main.run("export", copy.toString(), "--format", "parquet")).isEqualTo(2);
    }

    @Test
    void kaldiSourcesLeavesOutARecordingWhoseDeliveredFileIsGoneAndSaysWhich() throws Exception {
        Path copy = copyOf(corpus, "no-sources");
        Exporter.deleteTree(copy.resolve("kaldi_sources"));
        Path weather = dir.resolve("gen/weather.mp3");
        Files.move(weather, weather.resolveSibling("weather.mp3.away"));
        org.samtal.testing.Cli.Run run;
        try {
            run = org.samtal.testing.Cli.run("export", copy.toString(), "--format", "kaldi_sources,lhotse");
        } finally {
            Files.move(weather.resolveSibling("weather.mp3.away"), weather);
        }
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("kaldi_sources: the delivered file of weather-").contains(weather.toString())
                .contains("export on the machine that built the corpus");
        // Lhotse's cuts into the delivered recordings lose it too, and say so; its clips' manifests stay whole
        assertThat(run.err()).contains("lhotse: the delivered file of weather-").contains("left out of sources_recordings");
        assertThat(gzLines(copy.resolve("lhotse/sources_recordings.jsonl.gz"))).hasSize(1)
                .allMatch(r -> r.get("id").asText().startsWith("interview-"));
        // the other recording is there, complete
        List<String> wav = lines(copy.resolve("kaldi_sources/train/wav.scp"));
        assertThat(wav).hasSize(1).allMatch(l -> l.startsWith("interview-"));
        assertThat(lines(copy.resolve("kaldi_sources/train/segments"))).allMatch(l -> l.split(" ")[1].startsWith("interview-")).isNotEmpty();
        validateDataDir(copy.resolve("kaldi_sources/train"));
    }

    @Test
    void exportWithoutFormatsReRootsEveryFormatOfAMovedCorpus() throws Exception {
        Path moved = copyOf(corpus, "moved/elsewhere");
        List<String> before;
        try (var dirs = Files.list(moved)) {
            before = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(moved.resolve("lhotse/sources_recordings.jsonl.gz"), old);
        assertThat(Main.run("export", moved.toString())).isZero();
        try (var dirs = Files.list(moved)) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(before);
        }
        // every format was written again (the source recordings' paths among them) ...
        assertThat(Files.getLastModifiedTime(moved.resolve("lhotse/sources_recordings.jsonl.gz"))).isNotEqualTo(old);
        assertThat(gzLines(moved.resolve("lhotse/sources_recordings.jsonl.gz"))).hasSize(2);
        // ... and nothing in them points into the corpus's old place
        try (var files = Files.walk(moved)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = moved.relativize(p).toString();
                if (rel.endsWith(".wav") || !rel.matches("kaldi/.*|kaldi_sources/.*|.*\\.(jsonl|tsv|lab|md)|.*jsonl\\.gz")) continue;
                String text = rel.endsWith(".gz") ? gzLines(p).toString() : Files.readString(p, StandardCharsets.UTF_8);
                assertThat(text).as(rel).doesNotContain(corpus.toString());
            }
        }
        for (String line : lines(moved.resolve("kaldi/train/wav.scp"))) {
            assertThat(wavRate(readWavScpEntry(line.split(" ", 2)[1], moved))).isEqualTo(16000);
        }
    }
}
