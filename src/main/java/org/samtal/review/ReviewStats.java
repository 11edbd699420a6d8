package org.samtal.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.samtal.corpus.ManifestRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the judgements so far say about the whole corpus: the share of bad segments with its confidence interval,
 * overall and per score band, and how well validators agree.
 *
 * <p>Per band: the observed share with a Wilson interval. Overall: the stratified estimate (bands weighted by their
 * share of the corpus) with a normal interval whose per-band variances use the Agresti–Coull adjusted share, so a
 * band without a bad segment yet does not claim certainty. Agreement: Cohen's kappa over the segments two
 * validators judged (the first two to judge each), on the same bad/good label. Written as JSON (--summary, the
 * review page, card.json) with snake_case keys, as every JSON samtal writes.
 *
 * @param sampleSize  segments in the sample
 * @param judged      sample segments judged at least once
 * @param decisions   decisions stored (all segments, all validators)
 * @param confidence  confidence level of the intervals
 * @param overall     the estimate for the whole corpus; {@code partial} when a band has no judgement yet
 * @param bands       the estimate per score band
 * @param agreement   agreement between validators
 * @param rejected    judged segments rejected
 * @param corrected   judged segments kept with corrected text or boundaries
 */
public record ReviewStats(@JsonProperty("sample_size") int sampleSize, int judged, int decisions, double confidence, Estimate overall,
                          List<Estimate> bands, Agreement agreement, int rejected, int corrected) {

    /**
     * @param band       band name, or {@code all}
     * @param population segments of the corpus in it
     * @param sampled    segments of the sample in it
     * @param judged     of those, judged
     * @param bad        of those, bad
     * @param share      estimated share of bad segments ({@code null} before any judgement)
     * @param low        lower end of the interval
     * @param high       upper end of the interval
     * @param partial    whether some band is not judged yet (the overall estimate then covers the judged bands only)
     */
    public record Estimate(String band, int population, int sampled, int judged, int bad, Double share, Double low,
                           Double high, boolean partial) {
    }

    /**
     * @param segments segments judged by two validators
     * @param observed share of those where they agree ({@code null} when none)
     * @param kappa    Cohen's kappa ({@code null} when undefined: no pairs, or both always gave one label)
     */
    public record Agreement(int segments, Double observed, Double kappa) {
    }

    /**
     * The figures over what one validator may see: the corpus population, the sample and the decisions restricted to
     * the segments it may see, and each band named by the scores of those segments only. A validator without the
     * private grant learns nothing of the private track, not even how many segments it holds or how they score.
     *
     * @param segments every segment of the corpora under review
     * @param maySee   which rows the validator may see
     */
    public static ReviewStats visibleTo(Sample sample, List<Decision> decisions, Collection<ReviewSegment> segments,
                                        Predicate<ManifestRow> maySee) {
        Sample seen = visibleSample(sample, segments, maySee);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (ReviewSegment s : segments) if (maySee.test(s.row())) keys.add(Verdict.key(s.corpus(), s.id()));
        return of(seen, decisions.stream().filter(d -> keys.contains(Verdict.key(d.corpus(), d.segmentId()))).toList());
    }

    /**
     * The sample as one validator may know it: its population, bands and items restricted to the segments it may see,
     * each band named by the lowest and highest score among those.
     */
    public static Sample visibleSample(Sample sample, Collection<ReviewSegment> segments, Predicate<ManifestRow> maySee) {
        Map<String, ReviewSegment> visible = new HashMap<>();
        for (ReviewSegment s : segments) if (maySee.test(s.row())) visible.put(Verdict.key(s.corpus(), s.id()), s);
        // bands never share a score (Sampler.bands), so a segment's score tells its band
        Map<String, double[]> range = new LinkedHashMap<>(); // band -> lowest, highest visible score, population
        for (ReviewSegment s : visible.values()) {
            double score = s.row().score();
            for (Sample.Stratum st : sample.strata()) {
                if (score < st.low() || score > st.high()) continue;
                double[] r = range.computeIfAbsent(st.name(), k -> new double[]{score, score, 0});
                r[0] = Math.min(r[0], score);
                r[1] = Math.max(r[1], score);
                r[2]++;
                break;
            }
        }
        Map<String, String> renamed = new HashMap<>();
        List<Sample.Stratum> strata = new ArrayList<>();
        List<Sample.Item> items = new ArrayList<>();
        for (Sample.Stratum st : sample.strata()) {
            double[] r = range.get(st.name());
            if (r == null) continue;
            String name = String.format(Locale.ROOT, "%.3f-%.3f", r[0], r[1]);
            renamed.put(st.name(), name);
            int sampled = 0;
            for (Sample.Item it : sample.items()) {
                if (it.stratum().equals(st.name()) && visible.containsKey(Verdict.key(it.corpus(), it.segmentId()))) sampled++;
            }
            strata.add(new Sample.Stratum(name, r[0], r[1], (int) r[2], sampled));
        }
        for (Sample.Item it : sample.items()) {
            if (visible.containsKey(Verdict.key(it.corpus(), it.segmentId())) && renamed.containsKey(it.stratum())) {
                items.add(new Sample.Item(it.corpus(), it.segmentId(), renamed.get(it.stratum()), it.judges()));
            }
        }
        return new Sample(sample.createdAt(), sample.margin(), sample.confidence(), sample.seed(), visible.size(), strata, items);
    }

    /** The figures over the whole sample and every decision given (visibleTo narrows both to the segments of a corpus). */
    public static ReviewStats of(Sample sample, List<Decision> decisions) {
        Map<String, Verdict> verdicts = Verdict.of(decisions);
        double z = Sampler.z(sample.confidence());
        Map<String, int[]> counts = new HashMap<>(); // band -> judged, bad
        int judged = 0;
        int rejected = 0;
        int corrected = 0;
        for (Sample.Item it : sample.items()) {
            Verdict v = verdicts.get(Verdict.key(it.corpus(), it.segmentId()));
            if (v == null) continue;
            judged++;
            if (v.rejected()) rejected++;
            if (v.corrected()) corrected++;
            int[] c = counts.computeIfAbsent(it.stratum(), k -> new int[2]);
            c[0]++;
            if (v.bad()) c[1]++;
        }
        List<Estimate> bands = new ArrayList<>();
        double total = sample.strata().stream().mapToInt(Sample.Stratum::population).sum();
        double weightJudged = 0;
        double mean = 0;
        double variance = 0;
        int allBad = 0;
        boolean partial = false;
        for (Sample.Stratum s : sample.strata()) {
            int[] c = counts.getOrDefault(s.name(), new int[2]);
            allBad += c[1];
            if (c[0] == 0) {
                partial = true;
                bands.add(new Estimate(s.name(), s.population(), s.sampled(), 0, 0, null, null, null, false));
                continue;
            }
            double p = (double) c[1] / c[0];
            double[] w = wilson(c[1], c[0], z);
            bands.add(new Estimate(s.name(), s.population(), s.sampled(), c[0], c[1], p, w[0], w[1], false));
            double weight = s.population() / Math.max(1, total);
            double adjusted = (c[1] + z * z / 2) / (c[0] + z * z);
            double fpc = Math.max(0, 1 - (double) c[0] / s.population());
            weightJudged += weight;
            mean += weight * p;
            variance += weight * weight * fpc * adjusted * (1 - adjusted) / c[0];
        }
        Estimate overall;
        if (weightJudged == 0) {
            overall = new Estimate("all", (int) total, sample.items().size(), 0, 0, null, null, null, true);
        } else {
            double p = mean / weightJudged;
            double half = z * Math.sqrt(variance) / weightJudged;
            overall = new Estimate("all", (int) total, sample.items().size(), judged, allBad, p,
                    Math.max(0, p - half), Math.min(1, p + half), partial);
        }
        return new ReviewStats(sample.items().size(), judged, decisions.size(), sample.confidence(), overall, bands,
                agreement(verdicts), rejected, corrected);
    }

    /** Wilson score interval for b successes in n trials. */
    static double[] wilson(int b, int n, double z) {
        double p = (double) b / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Cohen's kappa over the first two validators' newest decisions on each doubly judged segment. */
    static Agreement agreement(Map<String, Verdict> verdicts) {
        int n = 0;
        int bothBad = 0;
        int bothGood = 0;
        int firstBad = 0;
        int secondBad = 0;
        for (Verdict v : verdicts.values()) {
            if (v.current().size() < 2) continue;
            boolean a = v.current().get(0).bad();
            boolean b = v.current().get(1).bad();
            n++;
            if (a && b) bothBad++;
            if (!a && !b) bothGood++;
            if (a) firstBad++;
            if (b) secondBad++;
        }
        if (n == 0) return new Agreement(0, null, null);
        double po = (double) (bothBad + bothGood) / n;
        double pa = (double) firstBad / n;
        double pb = (double) secondBad / n;
        double pe = pa * pb + (1 - pa) * (1 - pb);
        Double kappa = 1 - pe < 1e-12 ? null : (po - pe) / (1 - pe);
        return new Agreement(n, po, kappa);
    }
}
