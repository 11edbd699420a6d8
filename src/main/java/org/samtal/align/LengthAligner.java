package org.samtal.align;

import org.samtal.model.TextUnit;
import org.samtal.speech.SpeechRegion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Aligns by length alone: transcript sentences are assigned to runs of detected speech by dynamic programming
 * over durations and character counts, at the recording's own speaking rate (estimated, then re-estimated from
 * the first alignment). It needs no model and no synthesiser, so it is the fallback when no other engine fits.
 *
 * <p>Each step of the path takes 1..{@value #MAX_UNITS} sentences and one or more consecutive speech regions, and
 * costs the squared z-score of the speech duration against the expected one; speech regions with no text (music,
 * chatter) and sentences with no audio can be skipped at a price, so they come out unaligned instead of dragging
 * their neighbours. The search keeps to a band around the diagonal, so time and memory grow linearly.
 */
public final class LengthAligner implements Aligner {
    public static final String NAME = "length";
    private static final int MAX_UNITS = 6;
    /** Length evidence alone never makes an alignment certain. */
    private static final double MAX_SCORE = 0.9;
    private static final double SKIP_REGION_PER_SECOND = 0.3;
    private static final double SKIP_REGION_FIXED = 1.0;
    private static final double SKIP_UNIT_FIXED = 3.0;
    private static final double SKIP_UNIT_PER_SECOND = 1.0;
    /** Putting two sentences in one group when the audio has no pause to part them: cheap. */
    private static final double MERGE_PENALTY = 0.5;
    /** Putting two sentences in one group although the group spans a pause that could part them: dear. */
    private static final double MERGE_ACROSS_PAUSE_PENALTY = 3.0;
    private static final double SPEAKER_CHANGE_PENALTY = 4.0;
    /**
     * Cost per second of pause inside a group: speakers pause between sentences more often and longer than within
     * them, so a pause is more likely a sentence boundary than not.
     */
    private static final double INNER_PAUSE_PER_SECOND = 1.5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Alignment align(AlignmentRequest request) {
        List<SpeechRegion> regions = request.speech().regions();
        List<TextUnit> units = request.units();
        if (regions.isEmpty() || units.isEmpty()) {
            return new Alignment(NAME, List.of(), units, Map.of());
        }
        double[] chars = new double[units.size()];
        for (int i = 0; i < chars.length; i++) chars[i] = weight(units.get(i).text());
        double totalChars = Arrays.stream(chars).sum();
        double totalSpeech = regions.stream().mapToDouble(SpeechRegion::duration).sum();
        // Audio with no text (an intro, chatter) makes the naive rate too slow, text with no audio too fast: try a
        // range of rates and keep the one whose alignment costs least, then refine it from what matched.
        double naive = totalSpeech / Math.max(1, totalChars);
        double rate = naive;
        Path path = null;
        for (double f = 0.5; f <= 1.5001; f += 0.1) {
            Path candidate = solve(regions, units, chars, naive * f);
            if (path == null || candidate.cost < path.cost) {
                path = candidate;
                rate = naive * f;
            }
        }
        for (int round = 0; round < 4; round++) {
            double matchedSpeech = 0;
            double matchedChars = 0;
            for (Step s : path.steps) {
                if (s.kind == Step.GROUP) {
                    matchedSpeech += speech(regions, s.j0, s.j1);
                    matchedChars += sum(chars, s.k0, s.k1);
                }
            }
            if (matchedChars == 0) break;
            double refined = matchedSpeech / matchedChars;
            if (Math.abs(refined - rate) / rate <= 0.01) break;
            Path better = solve(regions, units, chars, refined);
            if (better.cost >= path.cost) break;
            rate = refined;
            path = better;
        }
        List<AlignedSpan> spans = new ArrayList<>();
        List<TextUnit> unaligned = new ArrayList<>();
        for (Step s : path.steps) {
            if (s.kind == Step.SKIP_UNIT) unaligned.add(units.get(s.k0));
            if (s.kind != Step.GROUP) continue;
            double sp = speech(regions, s.j0, s.j1);
            double expected = rate * sum(chars, s.k0, s.k1);
            double z = (sp - expected) / sigma(expected);
            double score = MAX_SCORE * Math.exp(-z * z / 2);
            spans.add(new AlignedSpan(units.subList(s.k0, s.k1), regions.get(s.j0).start(), regions.get(s.j1 - 1).end(),
                    score, Map.of("duration_ratio", expected > 0 ? sp / expected : 0, "length_z", z)));
        }
        return new Alignment(NAME, spans, unaligned, Map.of("seconds_per_char", rate, "path_cost", path.cost));
    }

    /** Tolerance on a group's duration: grows with its length. */
    private static double sigma(double expected) {
        return 0.12 * expected + 0.25;
    }

    /** Spoken length of a sentence: letters count one, digits three (a digit is a word or more when read). */
    static double weight(String text) {
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) w += 3;
            else if (Character.isLetter(c)) w += 1;
            else if (c == ',' || c == ';' || c == ':') w += 1.5;
        }
        return Math.max(1, w);
    }

    private record Step(int kind, int k0, int k1, int j0, int j1) {
        static final int GROUP = 0;
        static final int SKIP_REGION = 1;
        static final int SKIP_UNIT = 2;
    }

    private record Path(List<Step> steps, double cost) {
    }

    private static Path solve(List<SpeechRegion> regions, List<TextUnit> units, double[] chars, double rate) {
        Path banded = solve(regions, units, chars, rate, false);
        // the band is a speed-up, never a reason to fail: fall back to the full search
        return Double.isInfinite(banded.cost) ? solve(regions, units, chars, rate, true) : banded;
    }

    private static Path solve(List<SpeechRegion> regions, List<TextUnit> units, double[] chars, double rate,
                              boolean fullSearch) {
        int n = units.size();
        int m = regions.size();
        double[] cumSpeech = new double[m + 1];
        for (int j = 0; j < m; j++) cumSpeech[j + 1] = cumSpeech[j] + regions.get(j).duration();
        double[] cumChars = new double[n + 1];
        for (int k = 0; k < n; k++) cumChars[k + 1] = cumChars[k] + chars[k];
        double band = fullSearch ? Double.POSITIVE_INFINITY : Math.max(30, 0.25 * cumSpeech[m]);
        int[] lo = new int[n + 1];
        int[] hi = new int[n + 1];
        for (int k = 0; k <= n; k++) {
            double e = rate * cumChars[k];
            lo[k] = Math.max(0, lowerBound(cumSpeech, e - band) - 1);
            hi[k] = Math.min(m, lowerBound(cumSpeech, e + band) + 1);
        }
        lo[0] = 0;
        hi[n] = m;
        for (int k = 1; k <= n; k++) lo[k] = Math.max(lo[k], lo[k - 1]); // keep the band monotone
        for (int k = n - 1; k >= 0; k--) hi[k] = Math.min(hi[k], hi[k + 1]);
        double[][] cost = new double[n + 1][];
        int[][] back = new int[n + 1][]; // packed predecessor: kind, k, j
        for (int k = 0; k <= n; k++) {
            cost[k] = new double[Math.max(0, hi[k] - lo[k] + 1)];
            back[k] = new int[cost[k].length * 3];
            Arrays.fill(cost[k], Double.POSITIVE_INFINITY);
        }
        cost[0][0] = 0;
        for (int k = 0; k <= n; k++) {
            for (int j = lo[k]; j <= hi[k]; j++) {
                double c = cost[k][j - lo[k]];
                if (Double.isInfinite(c)) continue;
                if (j < m) {
                    relax(cost, back, lo, hi, k, j + 1, c + SKIP_REGION_FIXED + SKIP_REGION_PER_SECOND
                            * regions.get(j).duration(), Step.SKIP_REGION, k, j);
                }
                if (k < n) {
                    relax(cost, back, lo, hi, k + 1, j, c + SKIP_UNIT_FIXED + SKIP_UNIT_PER_SECOND * rate * chars[k],
                            Step.SKIP_UNIT, k, j);
                }
                int speakerChanges = 0;
                for (int a = 1; a <= MAX_UNITS && k + a <= n; a++) {
                    if (a > 1 && !same(units.get(k + a - 2).speaker(), units.get(k + a - 1).speaker())) speakerChanges++;
                    double expected = rate * (cumChars[k + a] - cumChars[k]);
                    double pausePenalty = 0;
                    for (int b = 1; j + b <= m; b++) {
                        if (b > 1) {
                            double gap = regions.get(j + b - 1).start() - regions.get(j + b - 2).end();
                            pausePenalty += INNER_PAUSE_PER_SECOND * gap;
                        }
                        double sp = cumSpeech[j + b] - cumSpeech[j];
                        double z = (sp - expected) / sigma(expected);
                        double merge = (a - 1) * (b > 1 ? MERGE_ACROSS_PAUSE_PENALTY : MERGE_PENALTY);
                        double step = z * z + merge + SPEAKER_CHANGE_PENALTY * speakerChanges + pausePenalty;
                        relax(cost, back, lo, hi, k + a, j + b, c + step, Step.GROUP, k, j);
                        if (sp > 2 * expected + 3) break;
                    }
                }
            }
        }
        double total = cost[n][m - lo[n]];
        if (Double.isInfinite(total)) return new Path(List.of(), total);
        List<Step> steps = new ArrayList<>();
        int k = n;
        int j = m;
        while (k > 0 || j > 0) {
            int idx = (j - lo[k]) * 3;
            int kind = back[k][idx];
            int pk = back[k][idx + 1];
            int pj = back[k][idx + 2];
            steps.add(new Step(kind, pk, k, pj, j));
            k = pk;
            j = pj;
        }
        java.util.Collections.reverse(steps);
        return new Path(steps, total);
    }

    private static void relax(double[][] cost, int[][] back, int[] lo, int[] hi, int k, int j, double c, int kind,
                              int pk, int pj) {
        if (j < lo[k] || j > hi[k]) return;
        int idx = j - lo[k];
        if (c < cost[k][idx]) {
            cost[k][idx] = c;
            back[k][idx * 3] = kind;
            back[k][idx * 3 + 1] = pk;
            back[k][idx * 3 + 2] = pj;
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** First index i with xs[i] >= x (xs ascending). */
    private static int lowerBound(double[] xs, double x) {
        int a = 0;
        int b = xs.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (xs[mid] < x) a = mid + 1;
            else b = mid;
        }
        return a;
    }

    private static double speech(List<SpeechRegion> regions, int j0, int j1) {
        double s = 0;
        for (int j = j0; j < j1; j++) s += regions.get(j).duration();
        return s;
    }

    private static double sum(double[] xs, int a, int b) {
        double s = 0;
        for (int i = a; i < b; i++) s += xs[i];
        return s;
    }
}
