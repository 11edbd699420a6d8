package org.samtal.align;

import org.samtal.speech.FeatureMatrix;

import java.util.Arrays;

/**
 * Multi-resolution dynamic time warping. The coarsest level runs in a Sakoe-Chiba band around the diagonal; every
 * finer level only searches a narrow corridor around the path of the level above. Time and memory therefore grow
 * linearly with the recording, and the coarse level anchors the whole path so long files do not drift.
 */
public final class Dtw {
    private static final byte DIAG = 0;
    private static final byte UP = 1;
    private static final byte LEFT = 2;
    /** The path starts here, the real frames before it being skipped (audio before the text: an intro, chatter). */
    private static final byte START = 3;
    /**
     * Skipping a real frame at either end costs this fraction of the median distance between unrelated frames:
     * cheaper than matching audio that is not the text's, dearer than matching audio that is.
     */
    static final double SKIP_COST = 0.85;

    private final int[] factors;
    private final int radius;
    private final double bandSeconds;
    private final double bandFraction;

    /**
     * @param factors      pooling factor of each level, coarsest first, ending in 1 (e.g. 64, 8, 1)
     * @param radius       corridor half-width around the coarser path, in coarser cells
     * @param bandSeconds  minimum half-width of the coarsest band, seconds
     * @param bandFraction half-width of the coarsest band as a fraction of the longer sequence
     */
    public Dtw(int[] factors, int radius, double bandSeconds, double bandFraction) {
        if (factors.length == 0 || factors[factors.length - 1] != 1) throw new IllegalArgumentException("factors must end in 1");
        this.factors = factors.clone();
        this.radius = radius;
        this.bandSeconds = bandSeconds;
        this.bandFraction = bandFraction;
    }

    public static Dtw defaults() {
        return new Dtw(new int[]{64, 8, 1}, 3, 60, 0.05);
    }

    /** Allowed synthetic frames per real frame: {@code [lo[i], hi[i]]}. */
    record Window(int[] lo, int[] hi) {
        long cells() {
            long c = 0;
            for (int i = 0; i < lo.length; i++) c += hi[i] - lo[i] + 1;
            return c;
        }
    }

    public WarpingPath align(FeatureMatrix real, FeatureMatrix synth) {
        if (real.frames() == 0 || synth.frames() == 0) throw new IllegalArgumentException("empty feature matrix");
        WarpingPath path = null;
        for (int level = 0; level < factors.length; level++) {
            int f = factors[level];
            FeatureMatrix r = real.pooled(f);
            FeatureMatrix s = synth.pooled(f);
            Window w;
            if (path == null) {
                int band = (int) Math.ceil(Math.max(bandSeconds, bandFraction * Math.max(real.frames(), synth.frames())
                        * real.hop()) / r.hop());
                w = band(r.frames(), s.frames(), band);
            } else {
                w = corridor(path, factors[level - 1] / f, r.frames(), s.frames());
            }
            path = solve(r, s, w, SKIP_COST * medianDistance(r, s));
        }
        return path;
    }

    /** Mean local distance along the best full path between two short sequences (no band, no levels). */
    public static double meanPathDistance(FeatureMatrix a, FeatureMatrix b) {
        if (a.frames() == 0 || b.frames() == 0) return Double.NaN;
        WarpingPath p = solve(a, b, band(a.frames(), b.frames(), Math.max(a.frames(), b.frames())));
        double s = 0;
        for (float d : p.distance()) s += d;
        return s / p.length();
    }

    /** A Sakoe-Chiba band of half-width {@code band} around the line from (0,0) to (n-1, m-1). */
    static Window band(int n, int m, int band) {
        int[] lo = new int[n];
        int[] hi = new int[n];
        double slope = n == 1 ? 0 : (double) (m - 1) / (n - 1);
        int width = Math.max(band, (int) Math.ceil(slope) + 1);
        for (int i = 0; i < n; i++) {
            double c = i * slope;
            lo[i] = Math.max(0, (int) Math.floor(c - width));
            hi[i] = Math.min(m - 1, (int) Math.ceil(c + width));
        }
        return fix(lo, hi, m);
    }

    /** The cells of a finer level around a coarser path, widened by the radius. */
    Window corridor(WarpingPath coarse, int factor, int n, int m) {
        int[] lo = new int[n];
        int[] hi = new int[n];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, -1);
        for (int k = 0; k < coarse.length(); k++) {
            int i0 = coarse.real()[k] * factor;
            int j0 = Math.max(0, (coarse.synth()[k] - radius) * factor);
            int j1 = Math.min(m - 1, (coarse.synth()[k] + radius + 1) * factor - 1);
            for (int i = i0; i < Math.min(n, i0 + factor); i++) {
                lo[i] = Math.min(lo[i], j0);
                hi[i] = Math.max(hi[i], j1);
            }
        }
        for (int i = 0; i < n; i++) {
            if (hi[i] < 0) { // rows past the coarse path's end (the pooled length rounded down)
                lo[i] = i > 0 ? lo[i - 1] : 0;
                hi[i] = m - 1;
            }
        }
        return fix(lo, hi, m);
    }

    /** Makes a window monotone and connected, from (0,0) to (n-1,m-1). */
    private static Window fix(int[] lo, int[] hi, int m) {
        int n = lo.length;
        lo[0] = 0;
        hi[n - 1] = m - 1;
        for (int i = 1; i < n; i++) hi[i] = Math.max(hi[i], hi[i - 1]);
        for (int i = n - 2; i >= 0; i--) lo[i] = Math.min(lo[i], lo[i + 1]);
        for (int i = 0; i < n; i++) {
            lo[i] = Math.max(0, Math.min(lo[i], m - 1));
            hi[i] = Math.max(lo[i], Math.min(hi[i], m - 1));
        }
        return new Window(lo, hi);
    }

    /** Exact DTW inside a window: steps (1,1), (1,0), (0,1), each adding the local distance. */
    /** Median distance between frames paired at random: the scale of "unrelated". */
    static double medianDistance(FeatureMatrix r, FeatureMatrix s) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(r.frames() * 31L + s.frames());
        double[] d = new double[1001];
        for (int k = 0; k < d.length; k++) d[k] = r.distance(rnd.nextInt(r.frames()), s, rnd.nextInt(s.frames()));
        Arrays.sort(d);
        return d[d.length / 2];
    }

    static WarpingPath solve(FeatureMatrix r, FeatureMatrix s, Window w) {
        return solve(r, s, w, Double.POSITIVE_INFINITY);
    }

    /**
     * Exact DTW inside a window. With a finite {@code skip}, real frames at either end may be left unmatched at
     * that cost per frame (open begin and end); the returned path pairs them with the first and last synthetic
     * frame and gives them the skip cost as their distance.
     */
    static WarpingPath solve(FeatureMatrix r, FeatureMatrix s, Window w, double skip) {
        int n = r.frames();
        long total = w.cells();
        if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("DTW window too large: " + total + " cells");
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + (w.hi()[i] - w.lo()[i] + 1);
        byte[] back = new byte[(int) total];
        int maxWidth = 0;
        for (int i = 0; i < n; i++) maxWidth = Math.max(maxWidth, w.hi()[i] - w.lo()[i] + 1);
        double[] prev = new double[maxWidth];
        double[] cur = new double[maxWidth];
        int prevLo = 0;
        int prevHi = -1;
        double bestEnd = Double.POSITIVE_INFINITY;
        int endRow = n - 1;
        for (int i = 0; i < n; i++) {
            int lo = w.lo()[i];
            int hi = w.hi()[i];
            for (int j = lo; j <= hi; j++) {
                double d = r.distance(i, s, j);
                double best;
                byte move;
                if (i == 0 && j == 0) {
                    best = 0;
                    move = DIAG;
                } else if (j == 0 && Double.isFinite(skip) && i * skip <= (prevLo == 0 && prevHi >= 0 ? prev[0] : Double.POSITIVE_INFINITY)) {
                    best = i * skip;
                    move = START;
                } else {
                    double diag = (i > 0 && j - 1 >= prevLo && j - 1 <= prevHi) ? prev[j - 1 - prevLo] : Double.POSITIVE_INFINITY;
                    double up = (i > 0 && j >= prevLo && j <= prevHi) ? prev[j - prevLo] : Double.POSITIVE_INFINITY;
                    double left = j > lo ? cur[j - 1 - lo] : Double.POSITIVE_INFINITY;
                    best = diag;
                    move = DIAG;
                    if (up < best) {
                        best = up;
                        move = UP;
                    }
                    if (left < best) {
                        best = left;
                        move = LEFT;
                    }
                }
                cur[j - lo] = best + d;
                back[rowStart[i] + j - lo] = move;
                if (j == s.frames() - 1) {
                    double end = cur[j - lo] + (i == n - 1 ? 0 : (n - 1 - i) * skip);
                    if (end < bestEnd) {
                        bestEnd = end;
                        endRow = i;
                    }
                }
            }
            double[] t = prev;
            prev = cur;
            cur = t;
            prevLo = lo;
            prevHi = hi;
        }
        // walk back from the end, pairing skipped real frames with the last and first synthetic frames
        int cap = n + s.frames();
        int[] pi = new int[cap];
        int[] pj = new int[cap];
        float[] pd = new float[cap];
        int k = cap;
        for (int t = n - 1; t > endRow; t--) {
            k--;
            pi[k] = t;
            pj[k] = s.frames() - 1;
            pd[k] = (float) skip;
        }
        int i = endRow;
        int j = s.frames() - 1;
        while (true) {
            k--;
            pi[k] = i;
            pj[k] = j;
            pd[k] = r.distance(i, s, j);
            if (i == 0 && j == 0) break;
            byte move = back[rowStart[i] + j - w.lo()[i]];
            if (move == START) {
                for (int t = i - 1; t >= 0; t--) {
                    k--;
                    pi[k] = t;
                    pj[k] = 0;
                    pd[k] = (float) skip;
                }
                break;
            }
            if (move == DIAG) {
                i--;
                j--;
            } else if (move == UP) {
                i--;
            } else {
                j--;
            }
            if (i < 0 || j < 0) throw new IllegalStateException("DTW path left the window");
        }
        return new WarpingPath(Arrays.copyOfRange(pi, k, cap), Arrays.copyOfRange(pj, k, cap), Arrays.copyOfRange(pd, k, cap));
    }
}
