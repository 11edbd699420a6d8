package org.samtal.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samtal.synth.SyntheticConversation;
import org.samtal.testing.TestSpeech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MediaTest {
    private final Media media = TestSpeech.media();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} Hz, stereo={2}")
    @CsvSource({"wav,44100,false", "mp3,48000,false", "mp4,44100,true", "ogg,48000,true", "flac,16000,false",
            "m4a,22050,false", "opus,48000,false"})
    void decodesEveryFormatTo16kMonoWithTheRightDuration(String ext, int rate, boolean stereo) throws Exception {
        SyntheticConversation c = TestSpeech.interview(rate, stereo, Double.NaN);
        Path file = TestSpeech.write(c, dir, "talk", ext);

        MediaInfo info = media.probe(file);
        assertThat(info.audioStreams()).hasSize(1);
        assertThat(info.audioStreams().get(0).channels()).isEqualTo(stereo ? 2 : 1);
        assertThat(info.hasVideo()).isEqualTo(ext.equals("mp4"));

        DecodedAudio audio = media.decode(file, DecodeOptions.speechMono(), dir.resolve("work"), null);
        assertThat(audio.sampleRate()).isEqualTo(16_000);
        assertThat(audio.channels()).isEqualTo(1);
        // lossy codecs add an encoder delay and pad the last frame: tens of milliseconds
        assertThat(audio.duration()).isCloseTo(c.duration(), within(0.1));
        short[] all = audio.read(0, 0, audio.numSamples());
        assertThat(rms(all)).isGreaterThan(300); // real speech, not silence
    }

    @Test
    void keepsChannelsApartWhenAsked() throws Exception {
        SyntheticConversation c = TestSpeech.interview(48_000, true, Double.NaN);
        Path file = TestSpeech.write(c, dir, "stereo", "wav");
        DecodedAudio audio = media.decode(file, new DecodeOptions(16_000, 0, false), dir, null);
        assertThat(audio.channels()).isEqualTo(2);
        // the first sentence is speaker 0's, on the left channel only
        var first = c.truth().get(0);
        long a = audio.sampleAt(first.start());
        long b = audio.sampleAt(first.end());
        assertThat(rms(audio.read(0, a, b))).isGreaterThan(500);
        assertThat(rms(audio.read(1, a, b))).isLessThan(50);
    }

    @Test
    void writesClipsWithExactlyTheSamplesAsked() throws Exception {
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        Path file = TestSpeech.write(c, dir, "talk", "wav");
        DecodedAudio audio = media.decode(file, DecodeOptions.speechMono(), dir, null);
        for (ClipFormat f : ClipFormat.values()) {
            Path clip = dir.resolve("clip." + f.extension());
            media.writeClip(audio, 0, 12_345, 12_345 + 30_001, clip, f);
            DecodedAudio back = media.decode(clip, DecodeOptions.speechMono(), dir, null);
            assertThat(back.numSamples()).as(f.name()).isEqualTo(30_001);
            assertThat(back.read(0, 0, 30_001)).as(f.name()).isEqualTo(audio.read(0, 12_345, 12_345 + 30_001));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    /**
     * FLAC and WAV are written through FFmpeg's own API (JavaCV's recorder trims the C heap three times a file): the
     * very bytes the recorder writes, for lengths around the encoder's frame (4608 samples for FLAC at 16 kHz), one
     * channel and two, and the samples come back exactly.
     */
    @ParameterizedTest(name = "{0}, {1} channel(s)")
    @CsvSource({"flac,1", "flac,2", "wav,1", "wav,2"})
    void plainFormatsAreTheRecordersBytesAndTheExactSamples(String ext, int channels) throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int frames : new int[]{1, 4607, 4608, 4609, 9216, 30_001}) {
            short[] pcm = new short[frames * channels];
            for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (random.nextGaussian() * 3000 * Math.sin(i / 40.0));
            EncoderSettings settings = EncoderSettings.forExtension(ext, 16_000, channels);
            Path plain = dir.resolve("plain-" + frames + "." + ext);
            Path recorded = dir.resolve("recorded-" + frames + "." + ext);
            try (AudioEncoder enc = new AudioEncoder(plain, settings)) {
                // written in odd blocks, as clips are
                for (int at = 0; at < pcm.length; at += 1000 * channels) {
                    short[] block = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 1000 * channels));
                    enc.write(block, block.length);
                }
            }
            try (AudioEncoder enc = new AudioEncoder(recorded, settings, false)) {
                enc.write(pcm, pcm.length);
            }
            assertThat(Files.readAllBytes(plain)).as(ext + " " + frames).isEqualTo(Files.readAllBytes(recorded));
            DecodedAudio back = media.decode(plain, new DecodeOptions(16_000, 0, false), dir, null);
            assertThat(back.numSamples()).as(ext + " " + frames).isEqualTo(frames);
            for (int ch = 0; ch < channels; ch++) {
                short[] want = new short[frames];
                for (int i = 0; i < frames; i++) want[i] = pcm[i * channels + ch];
                assertThat(back.read(ch, 0, frames)).as(ext + " " + frames + " channel " + ch).isEqualTo(want);
            }
        }
    }

    /** A full disk is told apart from a bad file (it stops the build, keeping what is done): /dev/full is one. */
    @Test
    void aFullDiskIsSaidAsSuch() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "Linux's /dev/full");
        for (ClipFormat f : ClipFormat.values()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
                try (AudioEncoder enc = new AudioEncoder(Path.of("/dev/full"), EncoderSettings.clip(f, 16_000))) {
                    enc.write(new short[160_000], 160_000);
                }
            });
            assertThat(thrown).as(f.name()).isInstanceOf(MediaException.class);
            assertThat(org.samtal.util.DiskFullException.in(thrown)).as(f.name()).isNotNull();
        }
    }

    @Test
    void clipsWrittenOnManyThreadsAtOnceHoldTheirOwnSamples() throws Exception {
        // workers write clips at once, without the lock JavaCV holds around opening an encoder
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        Path file = TestSpeech.write(c, dir, "talk", "wav");
        DecodedAudio audio = media.decode(file, DecodeOptions.speechMono(), dir, null);
        int threads = 4;
        int clips = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<Path> written = new java.util.ArrayList<>();
                    for (int k = 0; k < clips; k++) {
                        long from = 1_000L * (thread * clips + k);
                        Path clip = dir.resolve("c" + thread + "-" + k + ".flac");
                        media.writeClip(audio, 0, from, from + 8_000, clip, ClipFormat.FLAC, List.of(), false);
                        written.add(clip);
                    }
                    org.samtal.util.AtomicFiles.sync(written);
                    return null;
                }));
            }
            for (var f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < clips; k++) {
                long from = 1_000L * (t * clips + k);
                DecodedAudio back = media.decode(dir.resolve("c" + t + "-" + k + ".flac"), DecodeOptions.speechMono(), dir, null);
                assertThat(back.read(0, 0, 8_000)).as("clip %d of thread %d", k, t).isEqualTo(audio.read(0, from, from + 8_000));
            }
        }
    }

    @Test
    void silencesTheStretchesAsked() throws Exception {
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        Path file = TestSpeech.write(c, dir, "talk", "wav");
        DecodedAudio audio = media.decode(file, DecodeOptions.speechMono(), dir, null);
        Path clip = dir.resolve("quiet.flac");
        media.writeClip(audio, 0, 8_000, 56_000, clip, ClipFormat.FLAC, java.util.List.of(new long[]{10_000, 20_000}));
        DecodedAudio back = media.decode(clip, DecodeOptions.speechMono(), dir, null);
        short[] got = back.read(0, 0, back.numSamples());
        short[] original = audio.read(0, 8_000, 56_000);
        assertThat(Arrays.copyOfRange(got, 10_000, 20_000)).containsOnly((short) 0);
        assertThat(rms(Arrays.copyOfRange(original, 10_000, 20_000))).isGreaterThan(100); // there was speech there
        assertThat(Arrays.copyOfRange(got, 20_000, 48_000)).isEqualTo(Arrays.copyOfRange(original, 20_000, 48_000));
    }

    @Test
    void picksTheAudioStreamAsked() throws Exception {
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        Path file = TestSpeech.write(c, dir, "talk", "wav");
        assertThatThrownBy(() -> media.decode(file, new DecodeOptions(16_000, 1, true), dir, null))
                .isInstanceOf(MediaException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("no audio stream 1").hasMessageContaining("--audio-stream");
    }

    @Test
    void refusesBadFilesWithAMessageNamingTheFileAndTheFix() throws Exception {
        Path missing = dir.resolve("missing.wav");
        assertThatThrownBy(() -> media.probe(missing)).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");

        Path empty = Files.createFile(dir.resolve("empty.mp3"));
        assertThatThrownBy(() -> media.probe(empty)).hasMessageContaining(empty.toString()).hasMessageContaining("empty");

        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(100));
        assertThatThrownBy(() -> media.probe(text)).hasMessageContaining(text.toString())
                .hasMessageContaining("not a media file");

        Path video = TestSpeech.videoWithoutAudio(dir.resolve("silent.mp4"));
        assertThatThrownBy(() -> media.decode(video, DecodeOptions.speechMono(), dir, null))
                .hasMessageContaining(video.toString()).hasMessageContaining("video without an audio track");
    }

    @Test
    void detectsATruncatedFile() throws Exception {
        SyntheticConversation c = TestSpeech.interview(16_000, false, Double.NaN);
        Path wav = TestSpeech.write(c, dir, "talk", "wav");
        byte[] bytes = Files.readAllBytes(wav);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> media.decode(cut, DecodeOptions.speechMono(), dir, null))
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
        // the work folder holds no leftovers from the failed decode
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".s16"))).isEmpty();
        }
    }

    static double rms(short[] xs) {
        double s = 0;
        for (short x : xs) s += (double) x * x;
        return Math.sqrt(s / Math.max(1, xs.length));
    }

    /** A stream without a duration of its own is held to the container's only when it is all the container holds. */
    @Test
    void aStreamIsHeldToTheContainersLengthOnlyWhenItIsAllItHolds() {
        AudioStreamInfo first = new AudioStreamInfo(0, 0, "aac", 16000, 1, Double.NaN, null);
        AudioStreamInfo second = new AudioStreamInfo(1, 1, "aac", 16000, 1, Double.NaN, null);
        Path file = Path.of("two streams.mkv");
        // two audio streams of 32.5 s and 25.6 s: the container says 32.5, which the second need not last
        MediaInfo two = new MediaInfo(file, "matroska", 32.5, java.util.List.of(first, second), false, 1000);
        assertThat(Media.declaredSeconds(two, second)).isNaN();
        MediaInfo one = new MediaInfo(file, "matroska", 32.5, java.util.List.of(first), false, 1000);
        assertThat(Media.declaredSeconds(one, first)).isEqualTo(32.5);
        MediaInfo video = new MediaInfo(file, "matroska", 32.5, java.util.List.of(first), true, 1000);
        assertThat(Media.declaredSeconds(video, first)).isNaN();
        AudioStreamInfo timed = new AudioStreamInfo(1, 1, "aac", 16000, 1, 25.6, null);
        assertThat(Media.declaredSeconds(two, timed)).isEqualTo(25.6);
    }
}
