package org.samtal.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Global alignment (Needleman-Wunsch) of two character sequences: the transcript's and the recogniser's. Working
 * on characters rather than words makes near-matches count (a misrecognised ending still matches its stem) and
 * works for languages whose recogniser splits words differently from the transcript (Korean, Chinese). The search
 * keeps to a band around the diagonal. A long recording's band would still grow with its square (an int overflowed
 * at about 90,000 characters), so long texts are first cut at anchors: stretches of {@value #ANCHOR} characters
 * found exactly once on each side, in the same order on both; what lies between two anchors is aligned on its own,
 * and a stretch without anchors is cut in proportion. Memory stays bounded by {@link #MAX_CELLS}.
 */
final class CharAlignment {
    private static final int MATCH = 2;
    private static final int MISMATCH = -1;
    private static final int GAP = -1;

    private CharAlignment() {
    }

    /** Cells of one banded alignment (a byte each) above which the texts are cut at anchors first. */
    static final long MAX_CELLS = 16_000_000L;
    /** Characters of an anchor: long enough to be found once in a recording's text, short enough to survive errors. */
    static final int ANCHOR = 12;

    /**
     * @return for each character of {@code ref}, the index of the character of {@code hyp} it is aligned with when
     * they are equal, else -1
     */
    static int[] align(int[] ref, int[] hyp) {
        int[] out = new int[ref.length];
        Arrays.fill(out, -1);
        alignRange(ref, 0, ref.length, hyp, 0, hyp.length, out);
        return out;
    }

    /** Cells the banded alignment of texts of these lengths fills. */
    static long cells(int n, int m) {
        long band = Math.max(200, (int) (0.15 * Math.max(n, m))) + Math.abs((long) n - m);
        return (n + 1L) * Math.min(m + 1L, 2 * band + 1);
    }

    /** Aligns {@code ref[r0, r1)} with {@code hyp[h0, h1)} into {@code out}, in bounded memory. */
    private static void alignRange(int[] ref, int r0, int r1, int[] hyp, int h0, int h1, int[] out) {
        int n = r1 - r0;
        int m = h1 - h0;
        if (n == 0 || m == 0) return;
        if (cells(n, m) <= MAX_CELLS) {
            int[] sub = banded(Arrays.copyOfRange(ref, r0, r1), Arrays.copyOfRange(hyp, h0, h1));
            for (int i = 0; i < n; i++) if (sub[i] >= 0) out[r0 + i] = h0 + sub[i];
            return;
        }
        List<int[]> chain = anchors(ref, r0, r1, hyp, h0, h1);
        if (chain.isEmpty()) {
            // nothing certain in common: cut both sides in proportion, into pieces the band can hold
            int pieces = 2;
            while (cells(n / pieces + 1, m / pieces + 1) > MAX_CELLS) pieces *= 2;
            for (int k = 0; k < pieces; k++) {
                alignRange(ref, r0 + (int) ((long) n * k / pieces), r0 + (int) ((long) n * (k + 1) / pieces),
                        hyp, h0 + (int) ((long) m * k / pieces), h0 + (int) ((long) m * (k + 1) / pieces), out);
            }
            return;
        }
        int ri = r0;
        int hi = h0;
        for (int[] a : chain) {
            alignRange(ref, ri, a[0], hyp, hi, a[1], out);
            for (int t = 0; t < ANCHOR; t++) out[a[0] + t] = a[1] + t;
            ri = a[0] + ANCHOR;
            hi = a[1] + ANCHOR;
        }
        alignRange(ref, ri, r1, hyp, hi, h1, out);
    }

    /**
     * Anchors: positions {ref, hyp} of stretches of {@link #ANCHOR} characters that occur exactly once in each range,
     * the longest chain of them in the same order on both sides, none overlapping the one before.
     */
    private static List<int[]> anchors(int[] ref, int r0, int r1, int[] hyp, int h0, int h1) {
        Map<Long, Integer> inRef = unique(ref, r0, r1);
        Map<Long, Integer> inHyp = unique(hyp, h0, h1);
        List<int[]> pairs = new ArrayList<>();
        for (var e : inRef.entrySet()) {
            Integer j = inHyp.get(e.getKey());
            if (e.getValue() < 0 || j == null || j < 0) continue;
            if (Arrays.equals(ref, e.getValue(), e.getValue() + ANCHOR, hyp, j, j + ANCHOR)) pairs.add(new int[]{e.getValue(), j});
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        // longest chain increasing on both sides (patience sorting over the hyp positions)
        int[] tails = new int[pairs.size()];
        int[] before = new int[pairs.size()];
        int length = 0;
        for (int k = 0; k < pairs.size(); k++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (pairs.get(tails[mid])[1] < pairs.get(k)[1]) lo = mid + 1;
                else hi = mid;
            }
            before[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            if (lo == length) length++;
        }
        List<int[]> chain = new ArrayList<>();
        for (int k = length > 0 ? tails[length - 1] : -1; k >= 0; k = before[k]) chain.add(pairs.get(k));
        java.util.Collections.reverse(chain);
        List<int[]> apart = new ArrayList<>();
        int refEnd = r0;
        int hypEnd = h0;
        for (int[] a : chain) {
            if (a[0] < refEnd || a[1] < hypEnd) continue;
            apart.add(a);
            refEnd = a[0] + ANCHOR;
            hypEnd = a[1] + ANCHOR;
        }
        return apart;
    }

    /** Per hash of each stretch of {@link #ANCHOR} characters in {@code s[from, to)}: where it starts, or -1 when seen twice. */
    private static Map<Long, Integer> unique(int[] s, int from, int to) {
        Map<Long, Integer> at = new HashMap<>();
        if (to - from < ANCHOR) return at;
        final long base = 1_000_003L;
        long pow = 1;
        for (int t = 1; t < ANCHOR; t++) pow *= base;
        long h = 0;
        for (int i = from; i < to; i++) {
            if (i - from >= ANCHOR) h -= s[i - ANCHOR] * pow;
            h = h * base + s[i];
            if (i - from >= ANCHOR - 1) at.merge(h, i - ANCHOR + 1, (a, b) -> -1);
        }
        return at;
    }

    /** Needleman-Wunsch within a band around the diagonal; {@code cells(ref.length, hyp.length)} bytes. */
    private static int[] banded(int[] ref, int[] hyp) {
        int n = ref.length;
        int m = hyp.length;
        int[] out = new int[n];
        Arrays.fill(out, -1);
        if (n == 0 || m == 0) return out;
        int band = Math.max(200, (int) (0.15 * Math.max(n, m))) + Math.abs(n - m);
        int[] lo = new int[n + 1];
        int[] hi = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            int c = (int) Math.round((double) i * m / n);
            lo[i] = Math.max(0, c - band);
            hi[i] = Math.min(m, c + band);
        }
        long cells = 0;
        int[] rowStart = new int[n + 2];
        for (int i = 0; i <= n; i++) {
            rowStart[i + 1] = rowStart[i] + (hi[i] - lo[i] + 1);
            cells += hi[i] - lo[i] + 1;
        }
        byte[] back = new byte[(int) cells]; // 0 diag, 1 up (gap in hyp), 2 left (gap in ref)
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        final int neg = Integer.MIN_VALUE / 4;
        Arrays.fill(prev, neg);
        for (int j = lo[0]; j <= hi[0]; j++) {
            prev[j] = j * GAP;
            back[rowStart[0] + j - lo[0]] = 2;
        }
        for (int i = 1; i <= n; i++) {
            // only cells inside the band are ever read, so the row needs no clearing
            for (int j = lo[i]; j <= hi[i]; j++) {
                int best;
                byte move;
                int up = inBand(lo, hi, i - 1, j) ? prev[j] + GAP : neg;
                best = up;
                move = 1;
                if (j > 0) {
                    int diag = inBand(lo, hi, i - 1, j - 1)
                            ? prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? MATCH : MISMATCH) : neg;
                    if (diag >= best) {
                        best = diag;
                        move = 0;
                    }
                    int left = j - 1 >= lo[i] ? cur[j - 1] + GAP : neg;
                    if (left > best) {
                        best = left;
                        move = 2;
                    }
                }
                cur[j] = best;
                back[rowStart[i] + j - lo[i]] = move;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int i = n;
        int j = m;
        while (i > 0 && j >= 0) {
            if (!inBand(lo, hi, i, j)) break;
            byte move = back[rowStart[i] + j - lo[i]];
            if (move == 0 && j > 0) {
                if (ref[i - 1] == hyp[j - 1]) out[i - 1] = j - 1;
                i--;
                j--;
            } else if (move == 1) {
                i--;
            } else if (j > 0) {
                j--;
            } else {
                i--;
            }
        }
        return out;
    }

    private static boolean inBand(int[] lo, int[] hi, int i, int j) {
        return i >= 0 && i < lo.length && j >= lo[i] && j <= hi[i];
    }
}
