package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.testing.Cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations recorded one speaker per channel, through the CLI: {@code synth} writes a stereo interview with
 * each speaker on a channel, the other leaking in 25 dB down and 4 ms late, and speakers talking over each other at
 * some changes of turn (espeak-ng's speech, and real read speech of two Samrómur speakers); {@code build} finds the
 * layout by itself, and the clips it writes are read back: each is its speaker's own channel, the other speaker at
 * least 20 dB below; {@code eval} says the placement is at least as good as from the mono mix.
 */
class SpeakerChannelsBuildTest {
    private static final Path DEV = Path.of("src/test/resources/realspeech/is-samromur-dev/metadata.tsv");
    private final ObjectMapper json = new ObjectMapper();
    private final Media media = new Media();

    @TempDir
    Path dir;

    @Test
    void aGeneratedInterviewIsSplitOntoItsSpeakersChannels() throws IOException {
        Path gen = dir.resolve("gen");
        Cli.Run synth = Cli.run("synth", "--lang", "is", "--out", gen.toString(), "--name", "talk", "--formats", "wav",
                "--stereo", "--crosstalk", "-25", "--overlap", "0.6");
        assertThat(synth.exit()).as(synth.err()).isZero();
        checkSplitAgainstMix(gen, gen.resolve("talk.wav"), gen.resolve("talk.truth.json"), 0.9);
    }

    @Test
    void realReadSpeechOfTwoSpeakersIsSplitOntoTheirChannels() throws IOException {
        Path gen = dir.resolve("real");
        Cli.Run synth = Cli.run("synth", "--lang", "is", "--from-table", DEV.toString(), "--stereo", "--speakers",
                "000013,000014", "--crosstalk", "-25", "--overlap", "0.5", "--formats", "flac", "--out", gen.toString(),
                "--name", "interview");
        assertThat(synth.exit()).as(synth.err()).isZero();
        assertThat(Files.readString(gen.resolve("interview.txt"))).startsWith("speaker 000013: ");
        checkSplitAgainstMix(gen, gen.resolve("interview.flac"), gen.resolve("interview.truth.json"), 0.6);
    }

    /**
     * Builds the recording split (by detection) and mixed, reads every clip of the split build back against the
     * source's channels and the truth, and compares the two builds with {@code eval}.
     */
    private void checkSplitAgainstMix(Path in, Path source, Path truthFile, double minPlacedRight) throws IOException {
        Path split = dir.resolve("split");
        Path mix = dir.resolve("mix");
        Cli.Run a = Cli.run("build", in.toString(), "--lang", "is", "--out", split.toString(), "-q");
        Cli.Run b = Cli.run("build", in.toString(), "--lang", "is", "--out", mix.toString(), "--channels", "mix", "-q");
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(b.exit()).as(b.err()).isZero();
        JsonNode outcome = json.readTree(split.resolve("build-report.json").toFile()).get("recordings").get(0);
        // information, not a problem: a note of the recording's, not a warning
        assertThat(outcome.get("notes").toString()).contains("one speaker per channel (").contains("channel 0")
                .contains("channel 1");
        assertThat(outcome.get("warnings").toString()).doesNotContain("one speaker per channel");

        JsonNode truth = json.readTree(truthFile.toFile()).get("sentences");
        DecodedAudio both = media.decode(source, new DecodeOptions(DecodeOptions.SPEECH_RATE, 0, false), dir.resolve("work"), null);
        List<JsonNode> rows = manifest(split);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(truth.size() / 2);
        int measured = 0;
        int overlaps = 0;
        Map<String, Integer> channelOfRow = new HashMap<>();
        for (JsonNode r : rows) {
            int channel = r.get("channel").asInt();
            channelOfRow.put(r.get("id").asText(), channel);
            // the channel of its sentences' speaker
            List<Integer> truthChannels = new ArrayList<>();
            for (JsonNode t : truth) if (r.get("text").asText().contains(t.get("text").asText())) truthChannels.add(t.get("channel").asInt());
            assertThat(truthChannels).as("the sentences of " + r).isNotEmpty().containsOnly(channel);
            assertThat(r.get("metrics").get("channel_separation_db").asDouble()).as(r.get("id").asText()).isGreaterThan(20);
            short[] clip = read(split.resolve(r.get("audio_filepath").asText()));
            assertThat(distance(clip, both, channel, r.get("start").asDouble())).as("clip " + r.get("id") + " is its "
                    + "speaker's own channel").isLessThan(distance(clip, both, 1 - channel, r.get("start").asDouble()) / 100);
            // the clip's level where only the other speaker talks, against where only its own speaker does
            double[] levels = levelsByWho(clip, r.get("start").asDouble(), channel, truth);
            if (!Double.isNaN(levels[1])) {
                measured++;
                assertThat(levels[0] - levels[1]).as("crosstalk below the speaker in " + r.get("id")).isGreaterThanOrEqualTo(20);
            }
            if (r.has("flags") && r.get("flags").toString().contains("overlap")) overlaps++;
        }
        both.delete();
        assertThat(measured).as("clips holding the other speaker alone").isGreaterThanOrEqualTo(2);
        assertThat(overlaps).as("turns talked over stay whole on their own channels, flagged").isPositive();
        // Lhotse's supervisions on the delivered recording name the speaker's channel
        try (Stream<Path> files = Files.list(split.resolve("lhotse"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_source_supervisions.jsonl.gz")).toList()) {
                for (JsonNode s : gzLines(f)) {
                    assertThat(s.get("channel").isInt()).as(s.toString()).isTrue();
                    assertThat(s.get("channel").asInt()).as(s.toString()).isEqualTo(channelOfRow.get(s.get("id").asText()));
                }
            }
        }

        // Kaldi's long-recording layout: each speaker's channel is a side of the delivered file (sw02001-A, -B)
        Cli.Run export = Cli.run("export", split.toString(), "--format", "kaldi_sources");
        assertThat(export.exit()).as(export.err()).isZero();
        List<String> sides = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        try (Stream<Path> files = Files.walk(split.resolve("kaldi_sources"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals("reco2file_and_channel")) sides.addAll(Files.readAllLines(f));
                if (f.getFileName().toString().equals("segments")) segments.addAll(Files.readAllLines(f));
            }
        }
        String rec = rows.get(0).get("recording_id").asText();
        assertThat(sides).contains(rec + "-A " + rec + " A", rec + "-B " + rec + " B");
        for (String line : segments) {
            String[] f = line.split(" ");
            String side = f[1].substring(f[1].length() - 1);
            String id = f[0].substring(f[0].lastIndexOf(rec)); // after the speaker id, which may hold the recording id too
            assertThat(side).as(line).isEqualTo(channelOfRow.get(id) == 0 ? "A" : "B");
        }
        DecodedAudio sideB = media.decode(split.resolve("kaldi_sources/wav/" + rec + "-B.wav"), DecodeOptions.speechMono(),
                dir.resolve("work"), null);
        DecodedAudio right = media.decode(source, new DecodeOptions(DecodeOptions.SPEECH_RATE, 0, false), dir.resolve("work"), null);
        assertThat(rms(difference(sideB.read(0, 0, sideB.numSamples()), right.read(1, 0, right.numSamples()))))
                .as("side B is the right channel").isLessThan(1);
        sideB.delete();
        right.delete();

        JsonNode split_ = eval(truthFile, split);
        JsonNode mix_ = eval(truthFile, mix);
        assertThat(split_.get("placed_right").asDouble()).as(split_ + " against the mix " + mix_)
                .isGreaterThanOrEqualTo(minPlacedRight).isGreaterThanOrEqualTo(mix_.get("placed_right").asDouble());
        assertThat(split_.get("false_segments").asInt()).isLessThanOrEqualTo(mix_.get("false_segments").asInt());
        assertThat(split_.get("within_250ms").asDouble()).isGreaterThanOrEqualTo(mix_.get("within_250ms").asDouble());
    }

    /**
     * Mean level (dB) of a clip over the 10 ms frames where only its own speaker talks, and where only the other one
     * does (NaN when under 50 ms of that), by the truth, 30 ms clear of every edge.
     */
    private static double[] levelsByWho(short[] clip, double start, int channel, JsonNode truth) {
        int hop = DecodeOptions.SPEECH_RATE / 100;
        double[] power = new double[2];
        int[] frames = new int[2];
        for (int f = 0; (f + 1) * hop <= clip.length; f++) {
            double t0 = start + (double) f * hop / DecodeOptions.SPEECH_RATE - 0.03;
            double t1 = t0 + 0.01 + 0.06;
            boolean own = false;
            boolean other = false;
            for (JsonNode s : truth) {
                if (s.get("start").asDouble() < t1 && s.get("end").asDouble() > t0) {
                    if (s.get("channel").asInt() == channel) own = true;
                    else other = true;
                }
            }
            if (own == other) continue;
            // inside a sentence's span only: not the room tone of the pauses within it
            double p = 0;
            for (int k = f * hop; k < (f + 1) * hop; k++) p += (double) clip[k] * clip[k];
            int who = own ? 0 : 1;
            power[who] += p / hop;
            frames[who]++;
        }
        return new double[]{frames[0] == 0 ? Double.NaN : 10 * Math.log10(power[0] / frames[0] + 1e-9),
                frames[1] < 5 ? Double.NaN : 10 * Math.log10(power[1] / frames[1] + 1e-9)};
    }

    private JsonNode eval(Path truth, Path corpus) throws IOException {
        Cli.Run e = Cli.run("eval", "--truth", truth.toString(), corpus.toString(), "--json");
        assertThat(e.exit()).as(e.err()).isZero();
        return json.readTree(e.out());
    }

    private short[] read(Path clip) {
        DecodedAudio a = media.decode(clip, DecodeOptions.speechMono(), dir.resolve("work"), null);
        try {
            return a.read(0, 0, a.numSamples());
        } finally {
            a.delete();
        }
    }

    /**
     * RMS difference of a clip from one channel of the source where the manifest's (rounded) start puts it, at the
     * best of the offsets that rounding allows.
     */
    private static double distance(short[] clip, DecodedAudio source, int channel, double start) {
        double best = Double.MAX_VALUE;
        long at = source.sampleAt(start);
        for (long from = Math.max(0, at - 16); from <= at + 16; from++) {
            short[] part = source.read(channel, from, Math.min(source.numSamples(), from + clip.length));
            best = Math.min(best, rms(difference(clip, part)));
        }
        return best;
    }

    private static short[] difference(short[] a, short[] b) {
        short[] d = new short[Math.min(a.length, b.length)];
        for (int i = 0; i < d.length; i++) d[i] = (short) Math.max(-32768, Math.min(32767, a[i] - b[i]));
        return d;
    }

    private static double rms(short[] x) {
        double p = 0;
        for (short v : x) p += (double) v * v;
        return Math.sqrt(p / Math.max(1, x.length));
    }

    private List<JsonNode> manifest(Path corpus) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("manifest.jsonl"))) rows.add(json.readTree(line));
        return rows;
    }

    private List<JsonNode> gzLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) out.add(json.readTree(line));
            }
        }
        return out;
    }
}
