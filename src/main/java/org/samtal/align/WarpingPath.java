package org.samtal.align;

/**
 * A monotone path through a DTW cost matrix, from (0, 0) to the last frames of both sequences.
 *
 * @param real     frame index in the real audio at each step
 * @param synth    frame index in the synthetic audio at each step
 * @param distance local distance at each step
 */
public record WarpingPath(int[] real, int[] synth, float[] distance) {
    public int length() {
        return real.length;
    }

    /** The first real frame the path pairs with synthetic frame {@code j} or later. */
    public int firstRealAtOrAfter(int j) {
        return real[Math.min(real.length - 1, lowerBound(j))];
    }

    /** The last real frame the path pairs with synthetic frame {@code j} or earlier. */
    public int lastRealAtOrBefore(int j) {
        return real[Math.max(0, lowerBound(j + 1) - 1)];
    }

    /** Mean local distance over the steps whose synthetic frame is in {@code [from, to]}. */
    public double meanDistance(int from, int to) {
        int a = lowerBound(from);
        int b = lowerBound(to + 1);
        if (b <= a) return Double.NaN;
        double s = 0;
        for (int k = a; k < b; k++) s += distance[k];
        return s / (b - a);
    }

    /** First step whose synthetic frame is at least {@code j}. */
    private int lowerBound(int j) {
        int a = 0;
        int b = synth.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (synth[mid] < j) a = mid + 1;
            else b = mid;
        }
        return a;
    }
}
