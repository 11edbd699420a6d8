package org.samtal.align;

import java.util.Arrays;

/**
 * Global alignment (Needleman-Wunsch) of two character sequences: the transcript's and the recogniser's. Working
 * on characters rather than words makes near-matches count (a misrecognised ending still matches its stem) and
 * works for languages whose recogniser splits words differently from the transcript (Korean, Chinese). The search
 * keeps to a band around the diagonal, so it stays linear in the text length.
 */
final class CharAlignment {
    private static final int MATCH = 2;
    private static final int MISMATCH = -1;
    private static final int GAP = -1;

    private CharAlignment() {
    }

    /**
     * @return for each character of {@code ref}, the index of the character of {@code hyp} it is aligned with when
     * they are equal, else -1
     */
    static int[] align(int[] ref, int[] hyp) {
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
