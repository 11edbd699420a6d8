package org.samtal.align;

import org.samtal.speech.FeatureMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Places sentences on detected speech, pause to pause: each sentence takes a run of whole speech regions, and the
 * runs follow the transcript's order. A search over sentences and regions (a beam of the best partial placements)
 * chooses the runs whose acoustic match to the sentences' synthetic speech is best overall; audio without text and
 * text without audio can be skipped at a cost.
 *
 * <p>Why this shape: warping a whole recording onto synthetic speech loses its way on real voices for tens of
 * seconds, because a human voice and espeak-ng differ far more than two synthetic voices do, and a wrong turn is
 * never undone. Sentences in read speech and in most conversation end in pauses, so the pauses are where the
 * boundaries can be, and the question per sentence becomes which run of regions sounds like it.
 *
 * <p>The evidence is made comparable across runs of different length by counting every frame of speech once: the
 * real speech (pauses taken out) is matched frame by frame against the sentence's synthetic speech, each frame costing
 * its distance less the distance a frame of unrelated speech would typically have ({@code background}). A right
 * placement sums to a clearly negative cost, a wrong one to about zero, audio left out costs a little, a sentence
 * left out costs more. So swallowing a neighbour's first word costs the neighbour more than it gains.
 */
final class PausePlacement {
    /** Real speech may be this much shorter or longer than the sentence's synthetic speech (people read 0.45 to 2.2
     * times espeak-ng's speed). */
    static final double MIN_RATIO = 0.4;
    static final double MAX_RATIO = 2.6;
    /** Synthetic frames the match may leave out at a sentence's start and end (a soft onset, a decay). */
    static final int SLACK = 4;
    /** Partial placements kept after each sentence (measured on real read speech: 48 placed no more right, 12 fewer). */
    static final int BEAM = 24;
    /** How much speech may be left out between two sentences, seconds: from the best partial placement... */
    static final double MAX_SKIP_SECONDS = 40;
    /** ...and from the others (each start tried is a match to compute: this keeps the search linear). */
    static final double SHORT_SKIP_SECONDS = 10;
    /** Cost of leaving out a frame of real speech, as a share of the background distance. */
    static final double SKIP_AUDIO = 0.02;
    /** Cost of leaving out a sentence, per synthetic frame, as a share of the background distance. */
    static final double SKIP_TEXT = 0.15;
    /**
     * Cost of a frame of pause inside a sentence, as a share of the background distance: a sentence may hold pauses
     * (commas, hesitations), but the longer a pause, the likelier it lies between sentences, and a click or breath a
     * second before the first word is not the sentence's.
     */
    static final double INNER_PAUSE = 0.3;
    /**
     * Cost per synthetic frame, in background distances, of each unit of log pace beyond {@link #PACE_TOLERANCE}
     * times the speaker's typical pace: a sentence that takes far longer than its speaker's pace has taken in a
     * neighbour's words.
     */
    static final double PACE_COST = 0.3;
    static final double PACE_TOLERANCE = 1.5;
    /** Half-width of the backward search's corridor around the forward placement, seconds of speech. */
    static final double CORRIDOR_SECONDS = 30;
    /** The margin of a sentence that has no alternative placement at all. */
    static final double MAX_MARGIN = 10;
    /** A placement whose start or end differs by more than this is another placement, seconds. */
    static final double ALTERNATIVE_SECONDS = 0.25;
    /** Half-width of the sliding normalisation window, frames of speech. */
    static final int NORM_HALF_WINDOW = 150;

    /**
     * Where one sentence went: regions {@code first..last}, or {@code first = -1} when left out.
     *
     * @param margin     how much worse (per synthetic frame, in units of the background distance) the best complete
     *                   placement is that puts this sentence elsewhere (on speech it shares less than half with, or
     *                   left out): near 0 the evidence cannot tell, large it is sure. NaN until measured
     * @param edgeMargin the same for any placement with an edge more than {@link #ALTERNATIVE_SECONDS} away (a
     *                   word or a breath more or less)
     */
    record Placement(int first, int last, double cost, int realFrames, int synthFrames, double margin,
                     double edgeMargin) {
        Placement(int first, int last, double cost, int realFrames, int synthFrames) {
            this(first, last, cost, realFrames, synthFrames, Double.NaN, Double.NaN);
        }

        Placement withMargins(double m, double edge) {
            return new Placement(first, last, cost, realFrames, synthFrames, m, edge);
        }

        boolean placed() {
            return first >= 0;
        }

        /** Mean cost per real frame (negative: better than unrelated speech). */
        double perFrame() {
            return realFrames == 0 ? Double.NaN : cost / realFrames;
        }
    }

    /**
     * @param placements per sentence, in order
     * @param background the typical per-frame distance of unrelated speech
     */
    record Result(List<Placement> placements, double background) {
    }

    private final float[] real;        // compressed real speech, normalised, row-major
    private final int dims;
    private final int[] regionFrom;    // per region, its first compressed frame
    private final int[] regionTo;      // per region, one past its last
    private final int[] pauseBefore;   // per region, frames of pause between it and the region before
    private final int[] originalFrame; // per speech frame, its frame in the recording's features (forward problem only)
    private final int[] regionStart;   // per region, its first frame in the recording's features (forward problem only)
    private final int[] regionEnd;     // per region, one past its last
    private final List<float[]> sentences; // per sentence, its synthetic speech frames, normalised
    private final double hop;
    private double background;
    /** Per sentence, the pace its speaker keeps (NaN until measured): real over synthetic speech frames. */
    private double[] typicalRatio;
    /** Per sentence, the regions its placement may start in ({@code null}: anywhere). */
    private int[][] corridor;
    /**
     * Per sentence, what is known of where it is: {first region from, first region to, last region at most}
     * ({@code null}, or a row {@code null}: nothing).
     */
    private int[][] known;
    /** Per sentence, who speaks it ({@code null}: unknown, the recording's pace is taken). */
    private final List<String> speakers;
    /** A second thread for half of each sentence's matches ({@code null}: all on the caller's). */
    private java.util.concurrent.ExecutorService helper;

    /**
     * @param real       the recording's features (with deltas), every frame
     * @param regions    per region, {@code [first frame, last frame + 1)} in {@code real}
     * @param sentences  per sentence, its synthetic speech frames (same features)
     */
    PausePlacement(FeatureMatrix real, List<int[]> regions, List<FeatureMatrix> sentences, List<String> speakers) {
        this.speakers = new ArrayList<>(speakers);
        this.dims = real.dims();
        this.hop = real.hop();
        int total = 0;
        for (int[] r : regions) total += r[1] - r[0];
        float[] speech = new float[total * dims];
        regionFrom = new int[regions.size()];
        regionTo = new int[regions.size()];
        pauseBefore = new int[regions.size()];
        for (int r = 1; r < regions.size(); r++) pauseBefore[r] = Math.max(0, regions.get(r)[0] - regions.get(r - 1)[1]);
        originalFrame = new int[total];
        regionStart = new int[regions.size()];
        regionEnd = new int[regions.size()];
        for (int r = 0; r < regions.size(); r++) {
            regionStart[r] = regions.get(r)[0];
            regionEnd[r] = regions.get(r)[1];
        }
        int pos = 0;
        for (int r = 0; r < regions.size(); r++) {
            int[] fr = regions.get(r);
            regionFrom[r] = pos;
            System.arraycopy(real.data(), fr[0] * dims, speech, pos * dims, (fr[1] - fr[0]) * dims);
            for (int f = fr[0]; f < fr[1]; f++) originalFrame[pos + f - fr[0]] = f;
            pos += fr[1] - fr[0];
            regionTo[r] = pos;
        }
        this.real = slidingNormalized(speech, dims, NORM_HALF_WINDOW);
        int synthTotal = sentences.stream().mapToInt(FeatureMatrix::frames).sum();
        float[] synth = new float[synthTotal * dims];
        pos = 0;
        for (FeatureMatrix s : sentences) {
            System.arraycopy(s.data(), 0, synth, pos, s.data().length);
            pos += s.data().length;
        }
        float[] normSynth = slidingNormalized(synth, dims, NORM_HALF_WINDOW);
        this.sentences = new ArrayList<>();
        pos = 0;
        for (FeatureMatrix s : sentences) {
            this.sentences.add(Arrays.copyOfRange(normSynth, pos, pos + s.data().length));
            pos += s.data().length;
        }
    }

    private PausePlacement(float[] real, int dims, double hop, int[] regionFrom, int[] regionTo, int[] pauseBefore,
                           List<float[]> sentences, List<String> speakers) {
        this.speakers = speakers;
        this.pauseBefore = pauseBefore;
        this.originalFrame = null;
        this.regionStart = new int[0];
        this.regionEnd = new int[0];
        this.real = real;
        this.dims = dims;
        this.hop = hop;
        this.regionFrom = regionFrom;
        this.regionTo = regionTo;
        this.sentences = sentences;
    }

    /** The same problem backwards: regions, frames and sentences in reverse order (for the costs still to come). */
    private PausePlacement reversed() {
        int n = real.length / dims;
        float[] r = new float[real.length];
        for (int i = 0; i < n; i++) System.arraycopy(real, i * dims, r, (n - 1 - i) * dims, dims);
        int regions = regionFrom.length;
        int[] from = new int[regions];
        int[] to = new int[regions];
        int[] pause = new int[regions];
        for (int q = 0; q < regions; q++) {
            from[regions - 1 - q] = n - regionTo[q];
            to[regions - 1 - q] = n - regionFrom[q];
            if (q + 1 < regions) pause[regions - 1 - q] = pauseBefore[q + 1];
        }
        List<float[]> sents = new ArrayList<>();
        for (int k = sentences.size() - 1; k >= 0; k--) {
            float[] s = sentences.get(k);
            int m = s.length / dims;
            float[] rs = new float[s.length];
            for (int i = 0; i < m; i++) System.arraycopy(s, i * dims, rs, (m - 1 - i) * dims, dims);
            sents.add(rs);
        }
        List<String> reversedSpeakers = new ArrayList<>(speakers);
        java.util.Collections.reverse(reversedSpeakers);
        return new PausePlacement(r, dims, hop, from, to, pause, sents, reversedSpeakers);
    }

    /** The same problem on frames twice as long (neighbouring frames of a region averaged). */
    private PausePlacement coarser() {
        int regions = regionFrom.length;
        int[] from = new int[regions];
        int[] to = new int[regions];
        int total = 0;
        for (int r = 0; r < regions; r++) total += (regionTo[r] - regionFrom[r] + 1) / 2;
        float[] data = new float[total * dims];
        int pos = 0;
        for (int r = 0; r < regions; r++) {
            from[r] = pos;
            pos = halve(real, regionFrom[r], regionTo[r], data, pos);
            to[r] = pos;
        }
        List<float[]> sents = new ArrayList<>();
        for (float[] s : sentences) {
            int m = s.length / dims;
            float[] out = new float[(m + 1) / 2 * dims];
            halve(s, 0, m, out, 0);
            sents.add(out);
        }
        int[] pause = new int[regions];
        for (int r = 0; r < regions; r++) pause[r] = pauseBefore[r] / 2;
        PausePlacement c = new PausePlacement(data, dims, hop * 2, from, to, pause, sents, speakers);
        return c;
    }

    /** Frames {@code [a, b)} of {@code in}, each two averaged, into {@code out} from frame {@code at}; the next free frame. */
    private int halve(float[] in, int a, int b, float[] out, int at) {
        for (int i = a; i < b; i += 2) {
            int j = Math.min(b - 1, i + 1);
            for (int q = 0; q < dims; q++) out[at * dims + q] = (in[i * dims + q] + in[j * dims + q]) / 2;
            at++;
        }
        return at;
    }

    /**
     * Keeps sentences inside stretches known to hold them (per sentence {@code {start frame, end frame}} of the
     * recording's features, or {@code null}): each may start only in a region that begins inside its stretch (or
     * within {@code slack} frames before it) and end no later than the stretch's end (plus the slack).
     */
    void keepInside(List<int[]> stretches, int slack) {
        known = new int[sentences.size()][];
        for (int k = 0; k < stretches.size(); k++) {
            int[] w = stretches.get(k);
            if (w == null) continue;
            int lo = -1;
            int hi = -1;
            int lastMax = -1;
            for (int r = 0; r < regionStart.length; r++) {
                if (regionStart[r] >= w[0] - slack && regionStart[r] < w[1]) {
                    if (lo < 0) lo = r;
                    hi = r;
                }
                if (regionEnd[r] <= w[1] + slack) lastMax = r;
            }
            // no region inside: the sentence cannot be placed there (it is left out, and its clip fails)
            known[k] = lo < 0 ? new int[]{1, 0, -1} : new int[]{lo, hi, lastMax};
        }
    }

    /** Normalises each coefficient by the mean and spread of the frames around it (channel and speaker cancel). */
    static float[] slidingNormalized(float[] data, int dims, int half) {
        int n = data.length / dims;
        float[] out = new float[data.length];
        double[] sum = new double[(n + 1) * dims];
        double[] sq = new double[(n + 1) * dims];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dims; k++) {
                double v = data[i * dims + k];
                sum[(i + 1) * dims + k] = sum[i * dims + k] + v;
                sq[(i + 1) * dims + k] = sq[i * dims + k] + v * v;
            }
        }
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - half);
            int b = Math.min(n, i + half + 1);
            // keep the window full near the ends, so the first and last seconds are normalised like the rest
            if (b - a < 2 * half + 1) {
                if (a == 0) b = Math.min(n, 2 * half + 1);
                else a = Math.max(0, n - 2 * half - 1);
            }
            int c = b - a;
            for (int k = 0; k < dims; k++) {
                double mean = (sum[b * dims + k] - sum[a * dims + k]) / c;
                double var = (sq[b * dims + k] - sq[a * dims + k]) / c - mean * mean;
                out[i * dims + k] = (float) ((data[i * dims + k] - mean) / Math.sqrt(Math.max(1e-6, var)));
            }
        }
        return out;
    }

    int regions() {
        return regionFrom.length;
    }

    /** Frames of speech in regions {@code first..last}. */
    int speechFrames(int first, int last) {
        return regionTo[last] - regionFrom[first];
    }

    double background() {
        return background;
    }

    /** A sentence's synthetic speech frames as matched, normalised. */
    float[] sentenceFrames(int k) {
        return sentences.get(k);
    }

    /** An empty store of frame distances to this problem's real speech. */
    FrameDistances frameDistances() {
        return new FrameDistances(real, dims);
    }

    /**
     * The match of sentence {@code k}'s synthetic speech against the real speech from region {@code first} on:
     * per real frame count {@code t}, the cost of the best match of the whole sentence to frames {@code [start,
     * start + t)} (each real frame counted once, less {@code background}), {@code +inf} where none fits.
     */
    float[] pass(int k, int first, double background) {
        return pass(k, first, background, null);
    }

    /** {@link #pass(int, int, double)} reading frame distances from {@code distances} (or computing them: {@code null}). */
    private float[] pass(int k, int first, double background, FrameDistances distances) {
        return pass(k, first, background, distances, maxLength(k, first));
    }

    /** The same, matched over the first {@code rows} real frames only (the counts past them stay {@code +inf}). */
    float[] pass(int k, int first, double background, FrameDistances distances, int rows) {
        int n = sentences.get(k).length / dims;
        int start = regionFrom[first];
        int maxLen = maxLength(k, first);
        float[] ends = new float[Math.max(0, maxLen) + 1];
        Arrays.fill(ends, Float.POSITIVE_INFINITY);
        int len = Math.min(rows, maxLen);
        if (n > 0 && len > 0) match(k, start, len, background, ends, null, distances);
        return ends;
    }

    /** The most real speech frames a match of sentence {@code k} from region {@code first} may take. */
    private int maxLength(int k, int first) {
        int n = sentences.get(k).length / dims;
        return Math.min(regionTo[regionTo.length - 1] - regionFrom[first], (int) Math.ceil(MAX_RATIO * n) + SLACK);
    }

    /**
     * The match of sentence {@code k} against real speech frames {@code [start, start + len)}: each real frame takes
     * one synthetic frame, the synthetic index moving on by 0, 1 or 2 frames a step.
     *
     * @param ends      per real frame count {@code t}, the cost of the whole sentence matched to the first {@code t}
     *                  frames (where allowed); may be {@code null}
     * @param back      per real frame and synthetic frame, the step that led there, for tracing; may be {@code null}
     * @param distances the sentence's frame distances, shared with its matches from other starts; {@code null}:
     *                  computed here
     * @return the last row of costs (per synthetic frame, after all {@code len} real frames)
     */
    private float[] match(int k, int start, int len, double background, float[] ends, byte[] back,
                          FrameDistances distances) {
        float[] s = sentences.get(k);
        int n = s.length / dims;
        // synthetic frame j's cost at [j + 2]: the two cells before frame 0 stay infinite, so no step is checked
        float[] prev = new float[n + 2];
        float[] cur = new float[n + 2];
        Arrays.fill(prev, Float.POSITIVE_INFINITY);
        Arrays.fill(cur, Float.POSITIVE_INFINITY);
        float bg = (float) background;
        float[] cached = distances == null ? null : distances.values();
        int lastEnd = Math.max(0, n - 1 - SLACK);
        for (int t = 0; t < len; t++) {
            int rf = (start + t) * dims;
            // real frames at most MAX_RATIO times slower than the synthetic: the synthetic index keeps up
            int lo = Math.max(0, (int) Math.floor(t / MAX_RATIO) - SLACK);
            int hi = Math.min(n - 1, 2 * t + SLACK);
            // where only the ends are wanted, a frame too far behind to reach the sentence's end by the last real
            // frame (two synthetic frames a step) cannot change them, nor can any frame it leads to
            if (back == null) lo = Math.max(lo, lastEnd - 2 * (len - 1 - t));
            int row = distances == null ? 0 : distances.row(start + t, lo, hi);
            // the band moves on: the cells below it that the next row and the end read hold costs of two rows ago
            Arrays.fill(cur, Math.max(0, Math.min(lo - 2, lastEnd) + 2), Math.min(lo, n) + 2, Float.POSITIVE_INFINITY);
            for (int j = lo; j <= hi; j++) {
                float stay = prev[j + 2];
                float one = prev[j + 1];
                float two = prev[j];
                // no branch on which step is best: a mispredicted one costs more than the whole cell
                float best = t == 0 ? (j <= SLACK ? 0 : Float.POSITIVE_INFINITY) : Math.min(stay, Math.min(one, two));
                float d = cached != null ? cached[row + j] : FrameDistances.distance(real, rf, s, j * dims, dims);
                cur[j + 2] = best + d - bg; // infinite stays infinite
                if (back != null) back[t * n + j] = (byte) (t == 0 || best == stay ? 0 : best == one ? 1 : 2);
            }
            if (ends != null) {
                float end = Float.POSITIVE_INFINITY;
                for (int j = lastEnd; j < n; j++) end = Math.min(end, cur[j + 2]);
                if (t + 1 >= MIN_RATIO * n) ends[t + 1] = end;
            }
            float[] x = prev;
            prev = cur;
            cur = x;
        }
        return Arrays.copyOfRange(prev, 2, n + 2);
    }

    /**
     * Where the match of a placed sentence puts its synthetic frames: for each of the placement's real speech frames,
     * its frame in the recording's features and the synthetic frame matched to it (the same match as {@link #pass},
     * traced back).
     *
     * @return {@code [0][t]} the recording frame, {@code [1][t]} the synthetic frame, for t in the placement
     */
    int[][] trace(int k, Placement p) {
        int n = sentences.get(k).length / dims;
        int start = regionFrom[p.first()];
        int len = regionTo[p.last()] - start;
        byte[] back = new byte[len * n];
        float[] prev = match(k, start, len, background, null, back, null);
        int j = n - 1;
        for (int q = Math.max(0, n - 1 - SLACK); q < n; q++) if (prev[q] < prev[j]) j = q;
        int[][] out = new int[2][len];
        for (int t = len - 1; t >= 0; t--) {
            out[0][t] = originalFrame[start + t];
            out[1][t] = j;
            j = Math.max(0, j - back[t * n + j]);
        }
        return out;
    }

    /** A partial placement: sentences before {@code k} handled, the last region used {@code last}. */
    private record State(double cost, int last, State previous, Placement placement) {
    }

    /**
     * Places every sentence.
     *
     * @param seed seed of the background estimate's samples
     */
    Result place(long seed) {
        return place(seed, null);
    }

    /**
     * Places every sentence, half of each sentence's matches on {@code helper}'s thread (the result is the same
     * without it).
     *
     * @param seed   seed of the background estimate's samples
     * @param helper a second thread, or {@code null}
     */
    Result place(long seed, java.util.concurrent.ExecutorService helper) {
        this.helper = helper;
        background = estimateBackground(seed);
        // a first search on frames twice as long finds where each sentence is and the speakers' pace, at a quarter
        // of the work; the search that decides keeps near it (the pace moves a placement by a region or two, not by
        // a minute)
        PausePlacement coarse = coarser();
        coarse.helper = helper;
        coarse.known = known;
        coarse.background = coarse.estimateBackground(seed);
        Forward first = coarse.forward(Keep.BEST);
        if (PACE_COST > 0) typicalRatio = coarse.typicalRatio(first);
        corridor = coarse.corridor(first, false);
        coarse = null;
        first = null; // its partial placements are garbage now: ten hours of them are worth freeing
        Forward fwd = forward(Keep.ALL);
        corridor = null;
        PausePlacement back = reversed();
        back.helper = helper;
        back.background = background;
        if (typicalRatio != null) {
            back.typicalRatio = typicalRatio.clone();
            for (int i = 0, j = typicalRatio.length - 1; i < j; i++, j--) {
                double x = back.typicalRatio[i];
                back.typicalRatio[i] = back.typicalRatio[j];
                back.typicalRatio[j] = x;
            }
        }
        back.corridor = corridor(fwd, true);
        Forward bwd = back.forward(Keep.BEAMS);
        return new Result(withMargins(fwd, bwd), background);
    }

    /**
     * Where a later search may start each sentence: near where this forward search put it, within
     * {@link #CORRIDOR_SECONDS} of speech; for the backward search ({@code reversed}), in its reversed regions. A
     * recording that says the same text many times (a repeated prompt, a jingle, a generated benchmark) lets a free
     * backward search settle on another repetition, and then no complete placement joins the two and every margin
     * reads zero; and a search kept to a corridor does a fraction of the work.
     */
    private int[][] corridor(Forward fwd, boolean reversed) {
        int k = sentences.size();
        int regions = regionFrom.length;
        int[] anchor = new int[k]; // the region each sentence starts (forward) or ends (backward) in, -1 if left out
        java.util.Arrays.fill(anchor, -1);
        int s = k - 1;
        for (State st = fwd.best(); st != null && st.placement() != null; st = st.previous(), s--) {
            if (st.placement().placed()) anchor[s] = reversed ? st.placement().last() : st.placement().first();
        }
        // a sentence left out lies between its placed neighbours
        int last = -1;
        for (int i = 0; i < k; i++) {
            if (anchor[i] >= 0) last = anchor[i];
            else anchor[i] = Math.max(0, last);
        }
        int window = (int) Math.round(CORRIDOR_SECONDS / hop);
        int[][] out = new int[k][2];
        for (int i = 0; i < k; i++) {
            int r = anchor[i];
            int lo = r;
            while (lo > 0 && regionTo[r] - regionFrom[lo - 1] <= window) lo--;
            int hi = r;
            while (hi + 1 < regions && regionTo[hi + 1] - regionFrom[r] <= window) hi++;
            if (reversed) {
                out[k - 1 - i][0] = regions - 1 - hi;
                out[k - 1 - i][1] = regions - 1 - lo;
            } else {
                out[i][0] = lo;
                out[i][1] = hi;
            }
        }
        return out;
    }

    /**
     * Each sentence's speaker's pace: the median of real over synthetic speech frames among that speaker's placed
     * sentences (a recording of many readers has many paces), or the recording's where the speaker is unknown or has
     * fewer than three placed sentences.
     */
    private double[] typicalRatio(Forward fwd) {
        java.util.Map<String, List<Double>> bySpeaker = new HashMap<>();
        List<Double> all = new ArrayList<>();
        int k = sentences.size() - 1;
        for (State st = fwd.best(); st != null && st.placement() != null; st = st.previous(), k--) {
            Placement p = st.placement();
            if (!p.placed()) continue;
            double r = (double) p.realFrames() / Math.max(1, p.synthFrames());
            all.add(r);
            if (speakers.get(k) != null) bySpeaker.computeIfAbsent(speakers.get(k), x -> new ArrayList<>()).add(r);
        }
        double overall = median(all);
        double[] out = new double[sentences.size()];
        for (int i = 0; i < out.length; i++) {
            List<Double> own = speakers.get(i) == null ? null : bySpeaker.get(speakers.get(i));
            out[i] = own != null && own.size() >= 3 ? median(own) : overall;
        }
        return out;
    }

    private static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> v = new ArrayList<>(xs);
        v.sort(null);
        return v.get(v.size() / 2);
    }

    /** What a placement of {@code realFrames} for a sentence of {@code synthFrames} costs for its pace. */
    private double paceCost(int k, int realFrames, int synthFrames) {
        if (typicalRatio == null || Double.isNaN(typicalRatio[k]) || PACE_COST <= 0) return 0;
        double off = Math.abs(Math.log((double) realFrames / Math.max(1, synthFrames) / typicalRatio[k])) - Math.log(PACE_TOLERANCE);
        return off <= 0 ? 0 : PACE_COST * background * synthFrames * off;
    }

    /** One sentence's evaluated placements: from region {@code first} to {@code last}, at {@code cost}. */
    private record Candidate(int first, int last, double cost, int realFrames) {
    }

    /**
     * What the forward search leaves: before each sentence, the beam of partial placements and the best cost of
     * starting it at each region; the candidates evaluated; the best complete placement.
     */
    private record Forward(List<Map<Integer, State>> beams, List<Map<Integer, Double>> startCost,
                           List<List<Candidate>> candidates, State best, double bestCost) {
    }

    /** What a search keeps of its way there: the margins need all of it from the deciding search, the beams from the
     * backward one, only the best placement from the first (on ten hours, each of these is some hundred megabytes). */
    private enum Keep { BEST, BEAMS, ALL }

    private Forward forward(Keep keep) {
        int regions = regionFrom.length;
        int k = sentences.size();
        List<Map<Integer, State>> beams = new ArrayList<>();
        List<Map<Integer, Double>> startCosts = new ArrayList<>();
        List<List<Candidate>> candidates = new ArrayList<>();
        Map<Integer, State> beam = new HashMap<>();
        beam.put(-1, new State(0, -1, null, null));
        int maxSkip = (int) Math.round(MAX_SKIP_SECONDS / hop);
        int shortSkip = (int) Math.round(SHORT_SKIP_SECONDS / hop);
        FrameDistances distances = frameDistances();
        FrameDistances helperDistances = frameDistances();
        for (int s = 0; s < k; s++) {
            if (keep != Keep.BEST) beams.add(beam);
            int n = sentences.get(s).length / dims;
            Map<Integer, State> next = new HashMap<>();
            Map<Integer, Double> starts = new HashMap<>();
            List<Candidate> cands = new ArrayList<>();
            if (keep == Keep.ALL) {
                startCosts.add(starts);
                candidates.add(cands);
            }
            double skipText = SKIP_TEXT * background * n;
            for (State st : beam.values()) {
                relax(next, new State(st.cost() + skipText, st.last(), st, new Placement(-1, -1, skipText, 0, n)));
            }
            // the best way to reach each start region: from a state ending before it, leaving out the speech between
            TreeMap<Integer, State> byLast = new TreeMap<>();
            for (State st : beam.values()) byLast.put(st.last(), st);
            Map<Integer, State> startFrom = new HashMap<>();
            double bestSoFar = beam.values().stream().mapToDouble(State::cost).min().orElse(0);
            for (State st : byLast.values()) {
                int from = st.last() + 1;
                int base = from < regions ? regionFrom[from] : Integer.MAX_VALUE;
                // long stretches of audio without text are left out from the best partial placement only
                int reach = st.cost() <= bestSoFar ? maxSkip : shortSkip;
                for (int i = from; i < regions && regionFrom[i] - base <= reach; i++) {
                    double c = st.cost() + SKIP_AUDIO * background * (regionFrom[i] - base);
                    State have = startFrom.get(i);
                    if (have == null || have.cost() > c) {
                        // remember the skipped speech in the predecessor's cost
                        startFrom.put(i, new State(c, st.last(), st.previous(), st.placement()));
                    }
                }
            }
            List<Integer> tried = new ArrayList<>();
            for (int i : startFrom.keySet()) {
                if (corridor != null && (i < corridor[s][0] || i > corridor[s][1])) continue;
                if (known != null && known[s] != null && (i < known[s][0] || i > known[s][1])) continue;
                tried.add(i);
            }
            // in order of start, so that neighbouring starts share one window of frame distances
            tried.sort(null);
            List<float[]> matched = matches(s, tried, distances, helperDistances);
            for (int t = 0; t < tried.size(); t++) {
                int i = tried.get(t);
                State pred = startFrom.get(i);
                starts.put(i, pred.cost());
                float[] ends = matched.get(t);
                double pauses = 0;
                for (int j = i; j < regions; j++) {
                    int len = regionTo[j] - regionFrom[i];
                    if (len >= ends.length) break;
                    if (j > i) pauses += INNER_PAUSE * background * pauseBefore[j];
                    if (ends[len] == Float.POSITIVE_INFINITY) continue;
                    if (known != null && known[s] != null && j > known[s][2]) break;
                    double c = ends[len] + pauses + paceCost(s, len, n);
                    if (keep == Keep.ALL) cands.add(new Candidate(i, j, c, len));
                    relax(next, new State(pred.cost() + c, j, pred, new Placement(i, j, c, len, n)));
                }
            }
            beam = prune(next);
        }
        if (keep != Keep.BEST) beams.add(beam);
        State best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (State st : beam.values()) {
            double c = st.cost() + SKIP_AUDIO * background * framesAfter(st.last());
            if (c < bestCost) {
                bestCost = c;
                best = st;
            }
        }
        return new Forward(beams, startCosts, candidates, best, bestCost);
    }

    /** Below this many starts a sentence's matches are not shared with the helper thread (waiting costs more). */
    private static final int SHARED_STARTS = 8;

    /**
     * The matches of sentence {@code s} from each of {@code starts} (ascending), as {@link #pass} gives them: the
     * later half on the helper thread where there is one, each half with its own frame distances. Each match is the
     * same wherever it is computed, and the caller takes them in order, so the search is the same.
     */
    private List<float[]> matches(int s, List<Integer> starts, FrameDistances mine, FrameDistances helpers) {
        if (helper == null || starts.size() < SHARED_STARTS) return matches(s, starts, mine);
        int half = starts.size() / 2;
        java.util.concurrent.Future<List<float[]>> later = helper.submit(() -> matches(s, starts.subList(half, starts.size()), helpers));
        List<float[]> out = new ArrayList<>(matches(s, starts.subList(0, half), mine));
        out.addAll(org.samtal.util.Tasks.result(later, "placing sentences"));
        return out;
    }

    /** The matches of sentence {@code s} from each of {@code starts} (ascending), on this thread. */
    private List<float[]> matches(int s, List<Integer> starts, FrameDistances distances) {
        int regions = regionFrom.length;
        int reachEnd = 0;
        for (int i : starts) reachEnd = Math.max(reachEnd, regionFrom[i] + maxLength(s, i));
        List<float[]> out = new ArrayList<>(starts.size());
        for (int i : starts) {
            int maxLen = maxLength(s, i);
            boolean shared = distances.covers(s, regionFrom[i], maxLen)
                    || distances.open(s, sentences.get(s), regionFrom[i], maxLen, reachEnd - regionFrom[i]);
            // the match needs to go no further than the last region end a placement may take
            int rows = 0;
            for (int j = i; j < regions && regionTo[j] - regionFrom[i] <= maxLen; j++) {
                if (known != null && known[s] != null && j > known[s][2]) break;
                rows = regionTo[j] - regionFrom[i];
            }
            out.add(pass(s, i, background, shared ? distances : null, rows));
        }
        return out;
    }

    /** Speech frames after region {@code last} (all of them for -1). */
    private int framesAfter(int last) {
        int regions = regionFrom.length;
        return last + 1 < regions ? regionTo[regions - 1] - regionFrom[last + 1] : 0;
    }

    /**
     * The best placement, each sentence with its margin: the best complete cost of the placements that put it
     * elsewhere, less the best cost. A complete cost through a candidate is the forward search's cost of starting
     * there, the candidate's own, and the backward search's cost of everything after it.
     */
    private List<Placement> withMargins(Forward fwd, Forward bwd) {
        int k = sentences.size();
        int regions = regionFrom.length;
        List<Placement> chosen = new ArrayList<>();
        for (State st = fwd.best(); st != null && st.placement() != null; st = st.previous()) chosen.add(st.placement());
        java.util.Collections.reverse(chosen);
        List<Placement> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            // the backward beam after the sentences after s: their reversed last region r' leaves regions > R-1-r'
            Map<Integer, State> after = bwd.beams().get(k - 1 - s);
            TreeMap<Integer, Double> rest = new TreeMap<>(); // first region the rest may use -> best cost of the rest
            for (State st : after.values()) {
                int firstUsed = regions - 1 - st.last(); // the rest uses regions from here on
                rest.merge(firstUsed, st.cost(), Math::min);
            }
            Placement p = chosen.get(s);
            // the chosen placement's own complete cost, counted the same way as the alternatives' (the two searches'
            // band limits differ a little, so this is not exactly the forward search's best)
            double best = p.placed() ? fwd.startCost().get(s).get(p.first()) + p.cost() + after(rest, p.last())
                    : Double.POSITIVE_INFINITY;
            if (!p.placed()) {
                double skip = SKIP_TEXT * background * (sentences.get(s).length / dims);
                for (State st : fwd.beams().get(s).values()) best = Math.min(best, st.cost() + skip + after(rest, st.last()));
            }
            double alternative = Double.POSITIVE_INFINITY;
            double edgeAlternative = Double.POSITIVE_INFINITY;
            for (Candidate c : fwd.candidates().get(s)) {
                if (p.placed() && !differs(p, c)) continue;
                double total = fwd.startCost().get(s).get(c.first()) + c.cost() + after(rest, c.last());
                edgeAlternative = Math.min(edgeAlternative, total);
                if (!p.placed() || overlap(p, c) < 0.5) alternative = Math.min(alternative, total);
            }
            if (p.placed()) {
                // left out instead
                double skip = SKIP_TEXT * background * (sentences.get(s).length / dims);
                for (State st : fwd.beams().get(s).values()) {
                    alternative = Math.min(alternative, st.cost() + skip + after(rest, st.last()));
                }
            }
            double scale = background * Math.max(1, sentences.get(s).length / dims);
            double margin = (alternative - best) / scale;
            double edgeMargin = (Math.min(alternative, edgeAlternative) - best) / scale;
            // no complete placement through it was kept by the backward search: no evidence either way
            out.add(p.withMargins(orZero(margin), orZero(edgeMargin)));
        }
        return out;
    }

    /**
     * The best cost of placing the rest when this sentence ended at region {@code last}: the rest starts at a region
     * after it, the speech between left out.
     */
    private double after(TreeMap<Integer, Double> rest, int last) {
        double best = Double.POSITIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : rest.tailMap(last + 1, true).entrySet()) {
            int firstUsed = e.getKey();
            int skipped = (firstUsed < regionFrom.length ? regionFrom[firstUsed] : regionTo[regionTo.length - 1])
                    - (last + 1 < regionFrom.length ? regionFrom[last + 1] : regionTo[regionTo.length - 1]);
            best = Math.min(best, e.getValue() + SKIP_AUDIO * background * Math.max(0, skipped));
        }
        return best;
    }

    /** A margin as written: none for no evidence, and no alternative at all caps it (JSON has no infinity). */
    private static double orZero(double margin) {
        return Double.isNaN(margin) ? 0 : Math.max(0, Math.min(MAX_MARGIN, margin));
    }

    /** Shared speech over the speech of either: 1 for the same regions, 0 for none in common. */
    private double overlap(Placement p, Candidate c) {
        int a = Math.max(regionFrom[p.first()], regionFrom[c.first()]);
        int b = Math.min(regionTo[p.last()], regionTo[c.last()]);
        int union = Math.max(regionTo[p.last()], regionTo[c.last()]) - Math.min(regionFrom[p.first()], regionFrom[c.first()]);
        return union <= 0 ? 0 : Math.max(0, b - a) / (double) union;
    }

    private boolean differs(Placement p, Candidate c) {
        double limit = ALTERNATIVE_SECONDS / hop;
        return Math.abs(regionFrom[c.first()] - regionFrom[p.first()]) > limit
                || Math.abs(regionTo[c.last()] - regionTo[p.last()]) > limit;
    }

    private static void relax(Map<Integer, State> states, State s) {
        State have = states.get(s.last());
        if (have == null || have.cost() > s.cost()) states.put(s.last(), s);
    }

    private static Map<Integer, State> prune(Map<Integer, State> states) {
        if (states.size() <= BEAM) return states;
        List<State> all = new ArrayList<>(states.values());
        all.sort(Comparator.comparingDouble(State::cost));
        Map<Integer, State> out = new HashMap<>();
        for (State s : all.subList(0, BEAM)) out.put(s.last(), s);
        return out;
    }

    /**
     * The per-frame distance of unrelated speech: sentences matched (with the same warping freedom) against speech
     * at random places, each at its best length; the median over the samples.
     */
    private double estimateBackground(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int regions = regionFrom.length;
        if (regions == 0 || sentences.isEmpty()) return 1;
        List<Double> perFrame = new ArrayList<>();
        for (int sample = 0; sample < 60; sample++) {
            int k = rnd.nextInt(sentences.size());
            int i = rnd.nextInt(regions);
            float[] ends = pass(k, i, 0);
            int n = sentences.get(k).length / dims;
            // the length the sentence would have at espeak-ng's pace and a little slower
            double best = Double.POSITIVE_INFINITY;
            for (int t = (int) Math.ceil(0.9 * n); t < ends.length && t <= 1.6 * n; t++) {
                if (ends[t] != Float.POSITIVE_INFINITY) best = Math.min(best, ends[t] / t);
            }
            if (best != Double.POSITIVE_INFINITY) perFrame.add(best);
        }
        if (perFrame.isEmpty()) return 1;
        perFrame.sort(null);
        return perFrame.get(perFrame.size() / 2);
    }
}
