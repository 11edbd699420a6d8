package org.samtal.testing;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.samtal.media.AudioEncoder;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.SyntheticConversation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real test speech from espeak-ng with exact truth, encoded through FFmpeg. Conversations are cached per JVM
 * because synthesis is the slow part and tests only read them.
 */
public final class TestSpeech {
    private static final Map<String, SyntheticConversation> CACHE = new ConcurrentHashMap<>();
    private static final Media MEDIA = new Media();

    private TestSpeech() {
    }

    public static Media media() {
        return MEDIA;
    }

    /** Fails the test with the fix when espeak-ng is missing (tests never skip silently). */
    public static Espeak espeak(Path work) {
        Espeak e = new Espeak(MEDIA, work);
        if (!e.available()) {
            throw new AssertionError("espeak-ng is required for these tests: sudo apt-get install espeak-ng");
        }
        return e;
    }

    /** The built-in Icelandic interview, synthesised at a rate, mono or stereo, optionally with noise. */
    public static SyntheticConversation interview(int rate, boolean stereo, double snrDb) {
        String key = rate + "/" + stereo + "/" + snrDb;
        return CACHE.computeIfAbsent(key, k -> {
            try {
                Path work = Files.createTempDirectory("samtal-speech");
                ConversationScript script = ConversationScript.icelandicInterview();
                ConversationSynth.Settings s = ConversationSynth.Settings.defaults("is").withRate(rate).withStereo(stereo)
                        .withSnr(snrDb);
                return new ConversationSynth(espeak(work)).synthesize(script, ConversationSynth.defaultVoices(script, "is"), s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes a conversation as {@code dir/stem.ext} plus its turn transcript {@code dir/stem.txt}. */
    public static Path write(SyntheticConversation c, Path dir, String stem, String ext) throws IOException {
        Files.createDirectories(dir);
        Path media = dir.resolve(stem + "." + ext);
        short[] pcm = c.interleaved();
        try (AudioEncoder enc = MEDIA.openEncoder(media, EncoderSettings.forExtension(ext, c.sampleRate(), c.channels().length))) {
            enc.write(pcm, pcm.length);
        }
        StringBuilder sb = new StringBuilder();
        for (var line : c.turns()) sb.append(line.speaker()).append(": ").append(line.text()).append('\n');
        Files.writeString(dir.resolve(stem + ".txt"), sb.toString(), StandardCharsets.UTF_8);
        return media;
    }

    /** An mp4 with a video track and no audio at all. */
    public static Path videoWithoutAudio(Path file) throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 64, 64, 0)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setFrameRate(5);
            r.start();
            Frame f = new Frame(64, 64, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < 10; i++) r.record(f);
            r.stop();
        }
        return file;
    }
}
