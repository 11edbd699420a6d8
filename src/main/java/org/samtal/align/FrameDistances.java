package org.samtal.align;

import java.util.Arrays;

/**
 * Distances between one sentence's synthetic speech frames and a window of real speech frames, each computed once.
 * The placement search matches a sentence from every start region it may begin in, tens of them a few regions
 * apart, and those matches compare mostly the same pairs of frames: computing a pair's distance (a square root over
 * every coefficient) is most of a match's work, so the search reads it from here instead. Lazily filled, per real
 * frame a contiguous run of synthetic frames, so only the pairs some match asks for are computed.
 */
final class FrameDistances {
    /** The most distances held at once (4 MB); a window that would need more is not opened. */
    static final int CAPACITY = 1 << 20;

    private final float[] real;
    private final int dims;
    private float[] values = new float[0];
    /** Per row of the window, the first and last synthetic frame computed (first > last: none yet). */
    private int[] lo = new int[0];
    private int[] hi = new int[0];
    private int sentence = -1;
    private float[] synth;
    private int n;
    private int from;
    private int rows;

    /**
     * @param real the real speech frames, row-major
     * @param dims coefficients per frame
     */
    FrameDistances(float[] real, int dims) {
        this.real = real;
        this.dims = dims;
    }

    /** Whether the open window is sentence {@code k}'s and holds real frames {@code [start, start + len)}. */
    boolean covers(int k, int start, int len) {
        return k == sentence && start >= from && start + len <= from + rows;
    }

    /**
     * Opens a window for sentence {@code k} from real frame {@code start}: {@code len} frames at least, up to
     * {@code wanted} where the capacity allows (the later starts of the same sentence share it).
     *
     * @return false, and no window open, when even {@code len} frames would pass the capacity
     */
    boolean open(int k, float[] synthetic, int start, int len, int wanted) {
        int frames = synthetic.length / dims;
        if ((long) len * frames > CAPACITY || frames == 0) {
            sentence = -1;
            return false;
        }
        int r = Math.max(len, Math.min(wanted, CAPACITY / frames));
        if (values.length < r * frames) values = new float[r * frames];
        if (lo.length < r) {
            lo = new int[r];
            hi = new int[r];
        }
        Arrays.fill(lo, 0, r, Integer.MAX_VALUE);
        Arrays.fill(hi, 0, r, -1);
        this.sentence = k;
        this.synth = synthetic;
        this.n = frames;
        this.from = start;
        this.rows = r;
        return true;
    }

    /** The distances: real frame {@code f}, synthetic frame {@code j} at {@code values()[row(f, ..) + j]}. */
    float[] values() {
        return values;
    }

    /**
     * Makes sure real frame {@code frame}'s distances to synthetic frames {@code first..last} are computed.
     *
     * @return where the frame's row starts in {@link #values()}
     */
    int row(int frame, int first, int last) {
        int i = frame - from;
        int base = i * n;
        if (first > last) return base;
        int rf = frame * dims;
        if (lo[i] > hi[i]) {
            fill(rf, base, first, last);
            lo[i] = first;
            hi[i] = last;
            return base;
        }
        // the rows asked for overlap or touch (a match's band moves on smoothly): extend the computed run
        if (first < lo[i]) {
            fill(rf, base, first, lo[i] - 1);
            lo[i] = first;
        }
        if (last > hi[i]) {
            fill(rf, base, hi[i] + 1, last);
            hi[i] = last;
        }
        return base;
    }

    private void fill(int rf, int base, int first, int last) {
        for (int j = first; j <= last; j++) values[base + j] = distance(real, rf, synth, j * dims, dims);
    }

    /** Euclidean distance between the frames at {@code a[ai..]} and {@code b[bi..]}. */
    static float distance(float[] a, int ai, float[] b, int bi, int dims) {
        float d = 0;
        for (int q = 0; q < dims; q++) {
            float x = a[ai + q] - b[bi + q];
            d += x * x;
        }
        return (float) Math.sqrt(d);
    }
}
