package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.speech.FeatureMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The placement search's match (#13: made faster without changing a single cost) against a plain warping written
 * the straightforward way, and the search itself on speech whose sentences are known.
 */
class PausePlacementTest {
    private static final int DIMS = 6;

    /** Random frames, {@code frames} of them. */
    private static float[] frames(SplittableRandom rnd, int frames) {
        float[] out = new float[frames * DIMS];
        for (int i = 0; i < out.length; i++) out[i] = (float) rnd.nextGaussian();
        return out;
    }

    /** A copy of frames {@code [from, to)} with some noise, stretched or squeezed to {@code count} frames. */
    private static float[] spoken(float[] real, int from, int to, int count, SplittableRandom rnd) {
        float[] out = new float[count * DIMS];
        for (int i = 0; i < count; i++) {
            int f = from + (int) ((long) i * (to - from) / count);
            for (int q = 0; q < DIMS; q++) out[i * DIMS + q] = real[f * DIMS + q] + 0.3f * (float) rnd.nextGaussian();
        }
        return out;
    }

    private static FeatureMatrix matrix(float[] data) {
        return new FeatureMatrix(data, data.length / DIMS, DIMS, 0.04, 0);
    }

    /**
     * The match as first written: every synthetic frame of the band, each step chosen by comparison, every distance
     * computed where it is used.
     */
    private static float[] plainEnds(float[] real, int start, int maxLen, float[] s, double background) {
        int n = s.length / DIMS;
        float[] ends = new float[maxLen + 1];
        Arrays.fill(ends, Float.POSITIVE_INFINITY);
        float[] prev = new float[n];
        float[] cur = new float[n];
        Arrays.fill(prev, Float.POSITIVE_INFINITY);
        float bg = (float) background;
        for (int t = 0; t < maxLen; t++) {
            int lo = Math.max(0, (int) Math.floor(t / PausePlacement.MAX_RATIO) - PausePlacement.SLACK);
            int hi = Math.min(n - 1, 2 * t + PausePlacement.SLACK);
            Arrays.fill(cur, Float.POSITIVE_INFINITY);
            for (int j = lo; j <= hi; j++) {
                float best;
                if (t == 0) {
                    best = j <= PausePlacement.SLACK ? 0 : Float.POSITIVE_INFINITY;
                } else {
                    best = prev[j];
                    if (j >= 1 && prev[j - 1] < best) best = prev[j - 1];
                    if (j >= 2 && prev[j - 2] < best) best = prev[j - 2];
                }
                if (best == Float.POSITIVE_INFINITY) continue;
                float d = 0;
                for (int q = 0; q < DIMS; q++) {
                    float x = real[(start + t) * DIMS + q] - s[j * DIMS + q];
                    d += x * x;
                }
                cur[j] = best + (float) Math.sqrt(d) - bg;
            }
            float end = Float.POSITIVE_INFINITY;
            for (int j = Math.max(0, n - 1 - PausePlacement.SLACK); j < n; j++) end = Math.min(end, cur[j]);
            if (t + 1 >= PausePlacement.MIN_RATIO * n) ends[t + 1] = end;
            float[] x = prev;
            prev = cur;
            cur = x;
        }
        return ends;
    }

    /** Regions of 20 to 60 frames back to back over {@code total} frames. */
    private static List<int[]> regions(int total, SplittableRandom rnd) {
        List<int[]> out = new ArrayList<>();
        for (int at = 0; at < total; ) {
            int len = Math.min(total - at, 20 + rnd.nextInt(41));
            out.add(new int[]{at, at + len});
            at += len;
        }
        return out;
    }

    @Test
    void theMatchGivesTheSameCostsToTheBitAsAPlainWarping() {
        SplittableRandom rnd = new SplittableRandom(13);
        float[] real = frames(rnd, 900);
        List<int[]> regions = regions(900, rnd);
        List<FeatureMatrix> sentences = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            int[] r = regions.get(2 * k);
            sentences.add(matrix(spoken(real, r[0], r[1] + 30, 10 + rnd.nextInt(60), rnd)));
        }
        PausePlacement p = new PausePlacement(matrix(real), regions, sentences, Collections.nCopies(8, null));
        // the problem's own normalised frames: all speech, regions back to back
        float[] norm = PausePlacement.slidingNormalized(real, DIMS, PausePlacement.NORM_HALF_WINDOW);
        FrameDistances shared = p.frameDistances();
        for (int k = 0; k < sentences.size(); k++) {
            float[] s = p.sentenceFrames(k);
            int n = s.length / DIMS;
            for (int first = 0; first < p.regions(); first += 3) {
                int start = regions.get(first)[0];
                int maxLen = Math.min(900 - start, (int) Math.ceil(PausePlacement.MAX_RATIO * n) + PausePlacement.SLACK);
                float[] plain = plainEnds(norm, start, maxLen, s, 0.7);
                assertThat(p.pass(k, first, 0.7)).as("sentence %d from region %d", k, first).containsExactly(plain);
                // over fewer rows, with distances shared between starts: the same costs up to the last row matched
                int rows = maxLen * 2 / 3;
                if (!shared.covers(k, start, maxLen)) assertThat(shared.open(k, s, start, maxLen, 900 - start)).isTrue();
                float[] part = p.pass(k, first, 0.7, shared, rows);
                assertThat(Arrays.copyOf(part, rows + 1)).containsExactly(Arrays.copyOf(plain, rows + 1));
            }
        }
    }

    @Test
    void eachSentenceIsPlacedOnTheSpeechItWasMadeFrom() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] real = frames(rnd, 1200);
        List<int[]> regions = regions(1200, rnd);
        // every other region is a sentence, spoken a little faster or slower; the ones between have no text
        List<FeatureMatrix> sentences = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int r = 0; r < regions.size(); r += 2) {
            int[] reg = regions.get(r);
            int len = reg[1] - reg[0];
            sentences.add(matrix(spoken(real, reg[0], reg[1], (int) (len * (0.7 + 0.6 * rnd.nextDouble())), rnd)));
            truth.add(r);
        }
        PausePlacement p = new PausePlacement(matrix(real), regions, sentences,
                Collections.nCopies(sentences.size(), null));
        PausePlacement.Result result = p.place(1);
        assertThat(result.placements()).hasSize(sentences.size());
        for (int k = 0; k < sentences.size(); k++) {
            PausePlacement.Placement placed = result.placements().get(k);
            assertThat(placed.first()).as("sentence %d", k).isEqualTo(truth.get(k));
            assertThat(placed.last()).as("sentence %d", k).isEqualTo(truth.get(k));
            assertThat(placed.margin()).as("sentence %d", k).isGreaterThan(0);
        }
    }

    @Test
    void withAHelperThreadThePlacementIsTheSame() throws Exception {
        SplittableRandom rnd = new SplittableRandom(21);
        float[] real = frames(rnd, 3000);
        List<int[]> regions = regions(3000, rnd);
        List<FeatureMatrix> sentences = new ArrayList<>();
        for (int r = 0; r + 1 < regions.size(); r += 3) {
            int[] a = regions.get(r);
            int[] b = regions.get(r + 1);
            sentences.add(matrix(spoken(real, a[0], b[1], (int) ((b[1] - a[0]) * (0.6 + 0.8 * rnd.nextDouble())), rnd)));
        }
        List<String> speakers = Collections.nCopies(sentences.size(), null);
        PausePlacement.Result alone = new PausePlacement(matrix(real), regions, sentences, speakers).place(5);
        java.util.concurrent.ExecutorService helper = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            PausePlacement.Result helped = new PausePlacement(matrix(real), regions, sentences, speakers).place(5, helper);
            assertThat(helped.placements()).isEqualTo(alone.placements());
            assertThat(helped.background()).isEqualTo(alone.background());
        } finally {
            helper.shutdownNow();
        }
        assertThat(alone.placements()).filteredOn(PausePlacement.Placement::placed).hasSizeGreaterThan(sentences.size() / 2);
    }
}
