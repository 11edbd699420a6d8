package org.samtal.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.media.Media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinedClipsTest {
    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox/transcription");
    static final int RATE = 16000;

    @TempDir
    Path dir;

    /** Noise at the given RMS, plus a DC offset. */
    static short[] noise(int n, double rms, int dc, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] x = new short[n];
        for (int i = 0; i < n; i++) x[i] = (short) Math.round(dc + r.nextGaussian() * rms);
        return x;
    }

    @Test
    void roomToneLeavesOutABurstThatAQuietMeanWouldHide() {
        // 1 s of quiet noise with a 60 ms loud burst at 0.3 s; the quietest 200 ms by mean energy could hold the
        // burst if the rest were quieter still, so the tone is judged by its loudest 10 ms
        short[] clip = noise(RATE, 20, 0, 1);
        short[] burst = noise(960, 2000, 0, 2);
        System.arraycopy(burst, 0, clip, (int) (0.3 * RATE), burst.length);
        short[] tone = org.samtal.media.ClipJoin.roomTone(clip, RATE).samples();
        assertThat(tone).hasSize(RATE / 5);
        int loudest = 0;
        for (short s : tone) loudest = Math.max(loudest, Math.abs(s));
        assertThat(loudest).isLessThan(200);
    }

    @Test
    void dcOffsetIsRemoved() {
        short[] clip = org.samtal.media.ClipJoin.withoutDc(noise(RATE, 50, 240, 3));
        double mean = 0;
        for (short s : clip) mean += s;
        assertThat(Math.abs(mean / clip.length)).isLessThan(1.0);
    }

    @Test
    void roomToneFadesInAndOutWithoutAStepAndKeepsItsLevel() {
        double[] out = new double[RATE];
        short[] tone = noise(RATE / 5, 100, 0, 4);
        int from = RATE / 4;
        int n = RATE / 2;
        int fade = RATE / 100;
        org.samtal.media.ClipJoin.addRoomTone(out, from, n, fade, tone);
        // before the fade nothing, inside the fades a growing then shrinking share, inside the pause the tone
        assertThat(out[from - fade - 1]).isZero();
        assertThat(Math.abs(out[from - fade])).isLessThan(Math.abs(tone[0]) * 0.1 + 1);
        assertThat(out[from + n + fade]).isZero();
        double rms = 0;
        for (int i = from; i < from + n; i++) rms += out[i] * out[i];
        assertThat(Math.sqrt(rms / n)).isBetween(90.0, 110.0);
    }

    @Test
    void speechEdgesIgnoreRumbleBelowTheSpeechBand() {
        // a 50 Hz hum throughout, 18 dB under a 1 kHz tone standing for speech from 0.5 to 1.0 s
        short[] clip = new short[(int) (1.5 * RATE)];
        for (int i = 0; i < clip.length; i++) {
            double t = (double) i / RATE;
            double v = 1000 * Math.sin(2 * Math.PI * 50 * t + 1);
            if (t >= 0.5 && t < 1.0) v += 8000 * Math.sin(2 * Math.PI * 1000 * t);
            clip[i] = (short) Math.round(v + (i % 7) - 3);
        }
        int[] edges = org.samtal.media.ClipJoin.speechEdges(clip, RATE);
        assertThat(edges[0] / (double) RATE).isBetween(0.48, 0.52);
        assertThat(edges[1] / (double) RATE).isBetween(0.98, 1.03);
    }

    @Test
    void referenceEdgesBecomeTheTruthAndJoinsDoNotClick() throws IOException {
        assertThat(LIBRIVOX).as("install Debian's pocketsphinx-testdata").exists();
        Map<String, JoinedClips.Edges> reference = JoinedClips.readEdges(Path.of("corpora/reference/librivox-pocketsphinx.json"));
        SyntheticConversation c = new JoinedClips(new Media(), dir).join(LIBRIVOX, RATE, 0.8, reference);
        assertThat(c.truth()).hasSize(5);
        // the first clip starts after the 0.8 s pause; pocketsphinx put its first word at 0.20 s and its last end at 6.79 s
        assertThat(c.truth().get(0).start()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.truth().get(0).end()).isCloseTo(7.59, org.assertj.core.data.Offset.offset(1e-6));
        // no join steps: the largest sample-to-sample jump in the pauses is like the room tone's own
        short[] pcm = c.channels()[0];
        double pauseJump = 0;
        for (int i = 1; i < (int) (0.8 * RATE) + 160; i++) pauseJump = Math.max(pauseJump, Math.abs(pcm[i] - pcm[i - 1]));
        assertThat(pauseJump).isLessThan(300);
    }

    @Test
    void clipsCutTooTightForRoomToneBorrowTheCleanestClipsSoNoPauseHoldsSpeech() throws IOException {
        // pocketsphinx-testdata's cards: words from the first to the last sample, no quiet 200 ms in most clips
        Path cards = Path.of("/usr/share/pocketsphinx/test/data/cards/cards.transcription");
        assertThat(cards).as("install Debian's pocketsphinx-testdata").exists();
        SyntheticConversation c = new JoinedClips(new Media(), dir).join(cards, RATE, 0.8, Map.of());
        short[] pcm = c.channels()[0];
        double from = 0;
        for (TruthSentence t : c.truth()) {
            // between one sentence's speech and the next (clip tails, crossfades and pause): room-tone level only
            short[] between = java.util.Arrays.copyOfRange(pcm, (int) ((from + 0.1) * RATE), (int) ((t.start() - 0.1) * RATE));
            assertThat(loudestDb(between)).as("before '%s'", t.text()).isLessThan(-45);
            from = t.end();
        }
    }

    private static double loudestDb(short[] x) {
        double[] db = org.samtal.media.ClipJoin.frameLevels(x, RATE);
        double max = -200;
        for (double d : db) max = Math.max(max, d);
        return max;
    }

    @Test
    void unusableReferenceEdgesSayWhatIsWrong() throws IOException {
        Path bad = dir.resolve("edges.json");
        Files.writeString(bad, "{\"clips\": {\"a\": {\"start\": \"soon\"}}}");
        assertThatThrownBy(() -> JoinedClips.readEdges(bad)).hasMessageContaining("clip a needs numeric");
        Files.writeString(bad, "not json");
        assertThatThrownBy(() -> JoinedClips.readEdges(bad)).hasMessageContaining("is not valid JSON");
        Path wide = dir.resolve("wide.json");
        Files.writeString(wide, "{\"clips\": {\"sense_and_sensibility_01_austen_64kb-0880\": {\"start\": 0.2, \"end\": 9.0}}}");
        assertThatThrownBy(() -> new JoinedClips(new Media(), dir).join(LIBRIVOX, RATE, 0.8, JoinedClips.readEdges(wide)))
                .hasMessageContaining("do not lie inside the clip");
        assertThatThrownBy(() -> JoinedClips.readEdges(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new JoinedClips(new Media(), dir).join(dir.resolve("transcription"), RATE, 0.8, Map.of()))
                .hasMessageContaining("does not exist; give a Sphinx transcription file");
        Path listing = dir.resolve("transcription");
        Files.writeString(listing, "<s> hello </s> (gone)\n");
        assertThatThrownBy(() -> new JoinedClips(new Media(), dir).join(listing, RATE, 0.8, Map.of()))
                .hasMessageContaining("lists clip gone, but").hasMessageContaining("gone.wav does not exist");
    }
}
