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
}
