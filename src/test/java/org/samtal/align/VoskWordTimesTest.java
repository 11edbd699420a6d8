package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.model.TextUnit;
import org.samtal.model.WordTime;

import static org.assertj.core.api.Assertions.assertThat;

class VoskWordTimesTest {
    static final TextUnit UNIT = new TextUnit(0, 0, "a", "Góðan daginn, Anna.", 0, 19);

    /** Start and end per letter: góðan at 1.0-1.5, daginn at 1.6-2.2, anna at 2.5-2.9 (one letter each 0.1 s). */
    static float[] times() {
        float[] t = new float[30];
        int c = 0;
        for (double[] w : new double[][]{{1.0, 5}, {1.6, 6}, {2.5, 4}}) {
            for (int i = 0; i < w[1]; i++, c++) {
                t[2 * c] = (float) (w[0] + 0.1 * i);
                t[2 * c + 1] = (float) (w[0] + 0.1 * (i + 1));
            }
        }
        return t;
    }

    @Test
    void eachWordRunsFromItsFirstHeardLetterToItsLast() {
        float[] t = times();
        t[0] = Float.NaN; // the first letter unheard: the word starts at the next one
        t[1] = Float.NaN;
        assertThat(VoskAligner.wordTimes(UNIT, t)).containsExactly(new WordTime("Góðan", 1.1, 1.5),
                new WordTime("daginn", 1.6, 2.2), new WordTime("Anna", 2.5, 2.9));
    }

    @Test
    void noWordTimesWhenAWordWasNotHeardAtAll() {
        float[] t = times();
        for (int i = 22; i < 30; i++) t[i] = Float.NaN; // "anna"
        assertThat(VoskAligner.wordTimes(UNIT, t)).isEmpty();
        assertThat(VoskAligner.wordTimes(UNIT, null)).isEmpty();
        assertThat(VoskAligner.wordTimes(UNIT, new float[10])).isEmpty();
    }
}
