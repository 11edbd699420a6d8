package org.samtal.speech;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureMatrixTest {
    /** Frame i holds {i, -i}: two dimensions that say which frame it was. */
    private static FeatureMatrix counting(int frames) {
        float[] d = new float[frames * 2];
        for (int i = 0; i < frames; i++) {
            d[2 * i] = i;
            d[2 * i + 1] = -i;
        }
        return new FeatureMatrix(d, frames, 2, 0.02, 0.01);
    }

    @Test
    void stretchingKeepsTheOrderTheDurationAndTheEnds() {
        FeatureMatrix m = counting(10);
        FeatureMatrix longer = m.stretched(25);
        assertThat(longer.frames()).isEqualTo(25);
        assertThat(longer.frames() * longer.hop()).isCloseTo(m.frames() * m.hop(), within(1e-9));
        assertThat(longer.data()[0]).isZero();
        assertThat(longer.data()[2 * 24]).isEqualTo(9f);
        for (int i = 1; i < 25; i++) {
            assertThat(longer.data()[2 * i]).isGreaterThanOrEqualTo(longer.data()[2 * (i - 1)]);
            assertThat(longer.data()[2 * i + 1]).isEqualTo(-longer.data()[2 * i]);
        }
        FeatureMatrix shorter = m.stretched(4);
        assertThat(shorter.data()).containsExactly(1, -1, 3, -3, 6, -6, 8, -8);
        assertThat(m.stretched(10)).isSameAs(m);
    }
}
