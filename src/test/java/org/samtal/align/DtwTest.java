package org.samtal.align;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.samtal.speech.FeatureMatrix;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DtwTest {
    /** A smooth random walk in 3 dimensions: frames that look like slowly changing speech features. */
    static FeatureMatrix walk(int frames, long seed) {
        Random rnd = new Random(seed);
        float[] data = new float[frames * 3];
        float[] x = new float[3];
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < 3; k++) {
                x[k] = 0.9f * x[k] + (float) rnd.nextGaussian();
                data[i * 3 + k] = x[k];
            }
        }
        return new FeatureMatrix(data, frames, 3, 0.02, 0);
    }

    /** {@code src} played at a time-varying speed: output frame i shows source frame map[i]. */
    static FeatureMatrix stretch(FeatureMatrix src, int[] map) {
        float[] data = new float[map.length * src.dims()];
        for (int i = 0; i < map.length; i++) {
            System.arraycopy(src.data(), map[i] * src.dims(), data, i * src.dims(), src.dims());
        }
        return new FeatureMatrix(data, map.length, src.dims(), src.hop(), 0);
    }

    @Test
    void identicalSequencesGiveTheDiagonal() {
        FeatureMatrix a = walk(500, 1);
        WarpingPath p = Dtw.defaults().align(a, a);
        assertThat(p.length()).isEqualTo(500);
        for (int k = 0; k < p.length(); k++) assertThat(p.real()[k]).isEqualTo(p.synth()[k]);
    }

    @Property(tries = 40)
    void recoversATimeWarpAtEveryResolution(@ForAll @IntRange(min = 200, max = 6000) int n, @ForAll long seed) {
        FeatureMatrix synth = walk(n, seed);
        // the "real" recording speaks 0.7 to 1.4 times as fast, changing pace every 50 frames
        Random rnd = new Random(seed);
        java.util.List<Integer> map = new java.util.ArrayList<>();
        double pos = 0;
        double speed = 1;
        for (int i = 0; pos < n - 1; i++) {
            if (i % 50 == 0) speed = 0.7 + 0.7 * rnd.nextDouble();
            map.add((int) Math.round(pos));
            pos += speed;
        }
        int[] m = map.stream().mapToInt(Integer::intValue).toArray();
        FeatureMatrix real = stretch(synth, m);
        WarpingPath p = Dtw.defaults().align(real, synth);
        // every real frame is paired with the synthetic frame it was made from, within one frame
        int off = 0;
        for (int k = 0; k < p.length(); k++) {
            if (Math.abs(p.synth()[k] - m[p.real()[k]]) > 1) off++;
        }
        assertThat(off).as("path steps off the true warp").isLessThanOrEqualTo(p.length() / 100);
        assertThat(p.real()[0]).isZero();
        assertThat(p.synth()[0]).isZero();
        assertThat(p.real()[p.length() - 1]).isEqualTo(real.frames() - 1);
        assertThat(p.synth()[p.length() - 1]).isEqualTo(synth.frames() - 1);
    }

    @Test
    void corridorAndBandAreMonotoneAndConnected() {
        Dtw.Window w = Dtw.band(1000, 700, 30);
        for (int i = 1; i < 1000; i++) {
            assertThat(w.lo()[i]).isGreaterThanOrEqualTo(w.lo()[i - 1]);
            assertThat(w.hi()[i]).isGreaterThanOrEqualTo(w.hi()[i - 1]);
            assertThat(w.lo()[i]).isLessThanOrEqualTo(w.hi()[i - 1] + 1);
        }
        assertThat(w.lo()[0]).isZero();
        assertThat(w.hi()[999]).isEqualTo(699);
    }

    @Test
    void pathQueriesMapSyntheticFramesToReal() {
        WarpingPath p = new WarpingPath(new int[]{0, 1, 2, 3, 3, 4}, new int[]{0, 0, 1, 2, 3, 4}, new float[6]);
        assertThat(p.firstRealAtOrAfter(1)).isEqualTo(2);
        assertThat(p.lastRealAtOrBefore(0)).isEqualTo(1);
        assertThat(p.lastRealAtOrBefore(3)).isEqualTo(3);
        assertThat(p.firstRealAtOrAfter(9)).isEqualTo(4);
    }
}
