package org.samtal.speech;

import be.tarsos.dsp.mfcc.MFCC;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The MFCCs (#13: their DCT's cosines computed once instead of for every frame). */
class FeaturesTest {
    @Test
    void theTabledDctGivesTarsosDspsCoefficientsToTheBit() {
        SplittableRandom rnd = new SplittableRandom(11);
        MFCC plain = new MFCC(512, 16_000, 13, 30, 100, 7000);
        Features.TabledMfcc tabled = new Features.TabledMfcc(512, 16_000, 13, 30, 100, 7000);
        for (int frame = 0; frame < 200; frame++) {
            float[] logMel = new float[30];
            for (int j = 0; j < logMel.length; j++) logMel[j] = (float) (rnd.nextGaussian() * 20 + 5);
            assertThat(tabled.cepCoefficients(logMel)).containsExactly(plain.cepCoefficients(logMel));
        }
    }

    /** Its arrays kept from frame to frame: every step of TarsosDSP's MFCC.process, the same numbers to the bit. */
    @Test
    void theWholeFrameGivesTarsosDspsCoefficientsToTheBit() {
        SplittableRandom rnd = new SplittableRandom(5);
        MFCC plain = new MFCC(512, 16_000, 13, 30, 100, 7000);
        Features.TabledMfcc tabled = new Features.TabledMfcc(512, 16_000, 13, 30, 100, 7000);
        be.tarsos.dsp.AudioEvent event = new be.tarsos.dsp.AudioEvent(new be.tarsos.dsp.io.TarsosDSPAudioFormat(16_000, 16, 1, true, false));
        for (int frame = 0; frame < 300; frame++) {
            float[] samples = new float[512];
            double f = 100 + rnd.nextDouble() * 4000;
            // speech-like frames and, now and then, digital silence (the logarithm's floor)
            double amplitude = frame % 17 == 0 ? 0 : rnd.nextDouble();
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) (amplitude * (0.5 * Math.sin(2 * Math.PI * f * i / 16_000) + 0.1 * rnd.nextGaussian()));
            }
            event.setFloatBuffer(samples.clone());
            plain.process(event);
            event.setFloatBuffer(samples.clone());
            tabled.process(event);
            assertThat(tabled.coefficients()).as("frame %d", frame).containsExactly(plain.getMFCC());
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} samples")
    @org.junit.jupiter.params.provider.ValueSource(ints = {16_000 * 7 + 123, 16_000 * 7, 1500, 700})
    void halvesOnTwoThreadsGiveTheFramesOfOnePass(int samples) throws Exception {
        SplittableRandom rnd = new SplittableRandom(samples);
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double f = 150 + 2500.0 * i / samples;
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * f * i / 16_000.0) + 400 * rnd.nextGaussian());
        }
        byte[] bytes = new byte[samples * 2];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(pcm);
        java.nio.file.Path raw = java.nio.file.Files.write(dir.resolve("speech.s16"), bytes);
        org.samtal.media.DecodedAudio audio = new org.samtal.media.DecodedAudio(java.util.List.of(raw), 16_000, samples);
        Features features = new Features(0.02, 13);
        FeatureMatrix one = features.mfcc(audio, 0);
        java.util.concurrent.ExecutorService helper = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            FeatureMatrix two = features.mfcc(audio, 0, helper);
            assertThat(two.frames()).isEqualTo(one.frames());
            assertThat(two.offset()).isEqualTo(one.offset());
            assertThat(two.data()).containsExactly(one.data());
        } finally {
            helper.shutdownNow();
        }
    }
}
