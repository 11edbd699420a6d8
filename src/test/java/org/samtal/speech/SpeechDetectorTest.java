package org.samtal.speech;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.TruthSentence;
import org.samtal.testing.TestSpeech;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechDetectorTest {
    private final SpeechDetector detector = new SpeechDetector(DetectorSettings.defaults());

    @TempDir
    Path dir;

    @Test
    void bridgesShortGapsAndDropsBlips() {
        float[] levels = new float[300];
        Arrays.fill(levels, -80);
        fill(levels, 50, 100, -20);   // 0.5 s of speech
        fill(levels, 110, 160, -20);  // after a 0.1 s gap: bridged
        fill(levels, 200, 203, -10);  // a 30 ms click: dropped
        fill(levels, 240, 290, -25);  // after a 0.8 s pause: its own region
        SpeechMap map = detector.classify(levels);
        assertThat(map.regions()).hasSize(2);
        assertThat(map.regions().get(0).start()).isCloseTo(0.50, org.assertj.core.api.Assertions.within(0.02));
        assertThat(map.regions().get(0).end()).isCloseTo(1.60, org.assertj.core.api.Assertions.within(0.02));
        assertThat(map.regions().get(1).start()).isCloseTo(2.40, org.assertj.core.api.Assertions.within(0.02));
    }

    @Test
    void leavesOutABreathOrClickApartFromSpeechButKeepsWeakSoundsThatBelongToIt() {
        java.util.Random r = new java.util.Random(5);
        float[] levels = new float[900];
        for (int i = 0; i < levels.length; i++) levels[i] = (float) (-62 + 0.3 * r.nextGaussian());
        // a breath (90 ms, 16 dB over the noise, 26 dB under the speech) 130 ms before a sentence: not its onset
        fill(levels, 100, 109, -46);
        fill(levels, 122, 300, -20);
        // a weak sound as weak, only 50 ms before the next sentence (a fricative before a stop's closure): kept
        fill(levels, 400, 409, -46);
        fill(levels, 414, 600, -20);
        // a loud short sound apart from speech (a short word): kept
        fill(levels, 700, 709, -22);
        fill(levels, 722, 850, -20);
        SpeechMap map = detector.classify(levels);
        assertThat(map.regions()).hasSize(3);
        assertThat(map.regions().get(0).start()).isCloseTo(1.22, org.assertj.core.api.Assertions.within(0.02));
        assertThat(map.regions().get(1).start()).isCloseTo(4.00, org.assertj.core.api.Assertions.within(0.02));
        assertThat(map.regions().get(2).start()).isCloseTo(7.00, org.assertj.core.api.Assertions.within(0.02));
    }

    @Test
    void followsAWeakFinalSoundIntoSteadyNoiseButNotPlainNoise() {
        // steady noise at -60 dB, fluctuating by a few tenths of a dB, as white noise does in 25 ms frames
        java.util.Random r = new java.util.Random(4);
        float[] levels = new float[600];
        for (int i = 0; i < levels.length; i++) levels[i] = (float) (-60 + 0.3 * r.nextGaussian());
        fill(levels, 100, 200, -30);          // a sentence ...
        levels[200] = -59.6f;                 // ... a dip (a stop's closure) ...
        fill(levels, 201, 211, -57.5f);       // ... and a weak final sound 2.5 dB over the noise, 100 ms
        fill(levels, 400, 500, -30);          // another sentence, followed by plain noise
        SpeechMap map = detector.classify(levels);
        assertThat(map.regions()).hasSize(2);
        assertThat(map.regions().get(0).end()).isCloseTo(2.11, org.assertj.core.api.Assertions.within(0.02));
        assertThat(map.regions().get(1).end()).isCloseTo(5.00, org.assertj.core.api.Assertions.within(0.02));
        // the margin follows the noise: about 1.5 dB here, never below 1 dB nor above the release margin (4 dB)
        assertThat(detector.tailMargin(levels, constant(levels.length, -60.3f))).isBetween(1.0, 2.0);
    }

    private static float[] constant(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void followsAChangingNoiseFloor() {
        // a quiet first minute, then a noisy one: speech is 15 dB above the floor in both
        float[] levels = new float[12_000];
        for (int i = 0; i < levels.length; i++) levels[i] = i < 6000 ? -70 : -40;
        for (int s = 100; s < 12_000; s += 300) fill(levels, s, s + 150, (s < 6000 ? -70 : -40) + 15);
        SpeechMap map = detector.classify(levels);
        // the quiet minute: each burst on its own
        assertThat(map.regions().stream().filter(r -> r.end() < 60)).hasSize(20);
        // the noisy minute: once the floor window has moved past the change, each burst on its own again
        var noisy = map.regions().stream().filter(r -> r.start() > 66).toList();
        assertThat(noisy).hasSizeGreaterThanOrEqualTo(17).allSatisfy(r -> assertThat(r.duration()).isLessThan(1.6));
    }

    @ParameterizedTest(name = "SNR {0} dB")
    @ValueSource(doubles = {Double.NaN, 20, 10})
    void findsTheTrueSentencesInStudioAndNoisyAudio(double snr) throws Exception {
        SyntheticConversation c = TestSpeech.interview(16_000, false, snr);
        Path f = TestSpeech.write(c, dir, "talk", "wav");
        DecodedAudio audio = TestSpeech.media().decode(f, DecodeOptions.speechMono(), dir, null);
        SpeechMap map = detector.detect(audio, 0);
        List<SpeechRegion> regions = map.regions();
        // every true sentence is covered by detected speech, and starts and ends near a detected edge
        boolean clean = Double.isNaN(snr);
        int startHits = 0;
        int endHits = 0;
        double coveredTotal = 0;
        for (TruthSentence t : c.truth()) {
            double covered = regions.stream().mapToDouble(r -> Math.max(0, Math.min(r.end(), t.end()) - Math.max(r.start(), t.start()))).sum();
            coveredTotal += covered;
            // espeak-ng pauses inside sentences too (around "og"), and in noise those pauses are found as pauses;
            // a final plosive after its closure ("Einmitt.") is quieter than the noise
            assertThat(covered / (t.end() - t.start())).as("coverage of " + t.text()).isGreaterThan(0.6);
            // in noise, onsets blur a little and the decaying ends of words sink below the noise: wider tolerances
            double startTolerance = clean ? 0.05 : 0.12;
            double endTolerance = clean ? 0.05 : 0.3;
            if (regions.stream().anyMatch(r -> Math.abs(r.start() - t.start()) < startTolerance)) startHits++;
            if (regions.stream().anyMatch(r -> Math.abs(r.end() - t.end()) < endTolerance)) endHits++;
        }
        double truthTotal = c.truth().stream().mapToDouble(t -> t.end() - t.start()).sum();
        assertThat(coveredTotal / truthTotal).isGreaterThan(0.85);
        assertThat(startHits).isGreaterThanOrEqualTo(c.truth().size() * 9 / 10);
        assertThat(endHits).isGreaterThanOrEqualTo(c.truth().size() * 9 / 10);
        // and pauses between sentences are found as pauses, not speech
        double speech = map.speechSeconds();
        double truthSpeech = c.truth().stream().mapToDouble(t -> t.end() - t.start()).sum();
        assertThat(speech).isLessThan(truthSpeech * 1.15);
    }

    private static void fill(float[] xs, int from, int to, float v) {
        Arrays.fill(xs, from, to, v);
    }
}
