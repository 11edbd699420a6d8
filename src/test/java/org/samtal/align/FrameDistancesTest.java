package org.samtal.align;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The placement search's store of frame distances (#13): each pair's distance as if computed where used. */
class FrameDistancesTest {
    private static float[] random(SplittableRandom rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) rnd.nextGaussian();
        return out;
    }

    private static float direct(float[] real, int f, float[] synth, int j, int dims) {
        double d = 0;
        for (int q = 0; q < dims; q++) d += Math.pow(real[f * dims + q] - synth[j * dims + q], 2);
        return (float) Math.sqrt(d);
    }

    @Test
    void rowsAskedForInPiecesHoldEveryDistanceOfTheirRuns() {
        SplittableRandom rnd = new SplittableRandom(3);
        int dims = 5;
        float[] real = random(rnd, 200 * dims);
        float[] synth = random(rnd, 40 * dims);
        FrameDistances d = new FrameDistances(real, dims);
        assertThat(d.open(0, synth, 50, 30, 100)).isTrue();
        assertThat(d.covers(0, 60, 80)).isTrue();
        assertThat(d.covers(0, 60, 100)).as("past the window").isFalse();
        assertThat(d.covers(1, 60, 10)).as("another sentence").isFalse();
        // a run asked for, then one reaching further up, then one further down, then one inside
        int[][] asks = {{10, 20}, {15, 30}, {3, 12}, {5, 25}, {0, 39}};
        for (int f = 50; f < 150; f++) {
            for (int[] a : asks) {
                int row = d.row(f, a[0], a[1]);
                for (int j = a[0]; j <= a[1]; j++) {
                    assertThat(d.values()[row + j]).isCloseTo(direct(real, f, synth, j, dims), org.assertj.core.data.Offset.offset(1e-4f));
                    assertThat(d.values()[row + j]).isEqualTo(FrameDistances.distance(real, f * dims, synth, j * dims, dims));
                }
            }
        }
    }

    @Test
    void aWindowPastTheCapacityIsNotOpenedAndAnotherSentenceStartsAfresh() {
        SplittableRandom rnd = new SplittableRandom(5);
        int dims = 2;
        float[] real = random(rnd, 100 * dims);
        float[] small = random(rnd, 10 * dims);
        float[] other = random(rnd, 10 * dims);
        FrameDistances d = new FrameDistances(real, dims);
        int frames = FrameDistances.CAPACITY / 10 + 1;
        assertThat(d.open(0, small, 0, frames, frames)).isFalse();
        assertThat(d.covers(0, 0, 1)).isFalse();
        assertThat(d.open(0, small, 0, 50, 100)).isTrue();
        d.row(10, 0, 9);
        assertThat(d.open(1, other, 0, 50, 100)).isTrue();
        int row = d.row(10, 0, 9);
        for (int j = 0; j < 10; j++) {
            assertThat(d.values()[row + j]).isEqualTo(FrameDistances.distance(real, 10 * dims, other, j * dims, dims));
        }
    }
}
