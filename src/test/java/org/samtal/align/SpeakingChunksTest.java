package org.samtal.align;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the synthetic aligner shares the transcript among espeak-ng runs (#13): chunks of about equal size, as many
 * as the threads or a multiple, so the two cores finish together (117 sentences were 100 and 17: one core spoke
 * alone while the other waited).
 */
class SpeakingChunksTest {
    private static void coversInOrder(List<int[]> chunks, int n) {
        int at = 0;
        for (int[] c : chunks) {
            assertThat(c[0]).isEqualTo(at);
            assertThat(c[1]).isGreaterThan(c[0]);
            at = c[1];
        }
        assertThat(at).isEqualTo(n);
    }

    @Test
    void chunksAreAboutEqualAndAMultipleOfTheThreads() {
        List<int[]> dev = SyntheticAligner.chunks(117, 100, 2);
        coversInOrder(dev, 117);
        assertThat(dev).hasSize(2);
        assertThat(dev.get(0)[1] - dev.get(0)[0]).isBetween(58, 59);

        List<int[]> hours = SyntheticAligner.chunks(9233, 100, 2);
        coversInOrder(hours, 9233);
        assertThat(hours.size() % 2).isZero();
        assertThat(hours).allSatisfy(c -> assertThat(c[1] - c[0]).isBetween(90, 100));
    }

    @Test
    void aFewUnitsAreSharedAsFarAsTheyGo() {
        assertThat(SyntheticAligner.chunks(1, 100, 2)).hasSize(1);
        coversInOrder(SyntheticAligner.chunks(1, 100, 2), 1);
        assertThat(SyntheticAligner.chunks(3, 100, 2)).hasSize(2);
        coversInOrder(SyntheticAligner.chunks(3, 100, 2), 3);
        assertThat(SyntheticAligner.chunks(0, 100, 2)).isEmpty();
    }
}
