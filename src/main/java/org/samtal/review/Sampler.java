package org.samtal.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Draws the review sample. Its size comes from the margin of error wanted for the share of bad segments (worst
 * case p = 0.5, with the finite-population correction); it is split over score bands (quantiles of the scores) in
 * proportion to their size, at least two a band so each band gets its own estimate; within a band segments are
 * taken systematically from a list ordered by recording and speaker, so every recording and speaker is represented
 * in proportion (implicit stratification).
 */
public final class Sampler {
    /**
     * @param margin     margin of error wanted for the overall share of bad segments, e.g. 0.05
     * @param confidence 0.90, 0.95 or 0.99
     * @param bands      number of score bands
     * @param overlap    share of the sample each judged by two validators, for the agreement figure
     * @param seed       random seed (the same seed and corpus give the same sample)
     */
    public record Settings(double margin, double confidence, int bands, double overlap, long seed) {
        public Settings {
            if (!(margin > 0 && margin < 0.5)) throw new IllegalArgumentException("--margin must be between 0 and 0.5, not " + margin);
            z(confidence);
            if (bands < 1 || bands > 20) throw new IllegalArgumentException("--bands must be between 1 and 20, not " + bands);
            if (!(overlap >= 0 && overlap <= 1)) throw new IllegalArgumentException("--overlap must be between 0 and 1, not " + overlap);
        }

        public static Settings defaults() {
            return new Settings(0.05, 0.95, 5, 0.1, 1);
        }
    }

    /** The normal quantile for the two-sided confidence levels samtal offers. */
    static double z(double confidence) {
        if (Math.abs(confidence - 0.90) < 1e-9) return 1.6449;
        if (Math.abs(confidence - 0.95) < 1e-9) return 1.9600;
        if (Math.abs(confidence - 0.99) < 1e-9) return 2.5758;
        throw new IllegalArgumentException("--confidence must be 0.90, 0.95 or 0.99, not " + confidence);
    }

    /** Sample size for a share's margin of error at the worst case p = 0.5, corrected for a finite population. */
    static int size(int population, double margin, double confidence) {
        if (population == 0) return 0;
        double z = z(confidence);
        double n0 = z * z * 0.25 / (margin * margin);
        return (int) Math.min(population, Math.ceil(n0 / (1 + (n0 - 1) / population)));
    }

    public Sample draw(List<ReviewSegment> population, Settings settings) {
        int n = size(population.size(), settings.margin(), settings.confidence());
        List<List<ReviewSegment>> bands = bands(population, settings.bands());
        int[] alloc = allocate(bands, n);
        Random random = new Random(settings.seed());
        List<Sample.Stratum> strata = new ArrayList<>();
        List<Sample.Item> chosen = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            List<ReviewSegment> band = bands.get(b);
            double lo = band.get(0).row().score();
            double hi = band.get(band.size() - 1).row().score();
            String name = String.format(java.util.Locale.ROOT, "%.3f-%.3f", lo, hi);
            strata.add(new Sample.Stratum(name, lo, hi, band.size(), alloc[b]));
            for (ReviewSegment s : systematic(band, alloc[b], random)) chosen.add(new Sample.Item(s.corpus(), s.id(), name, 1));
        }
        // validators get the bands mixed, so a half-finished review already estimates every band
        java.util.Collections.shuffle(chosen, random);
        int every = settings.overlap() <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, Math.round(1 / settings.overlap()));
        List<Sample.Item> items = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Sample.Item it = chosen.get(i);
            items.add(new Sample.Item(it.corpus(), it.segmentId(), it.stratum(), i % every == 0 ? 2 : 1));
        }
        return new Sample(Instant.now().toString(), settings.margin(), settings.confidence(), settings.seed(),
                population.size(), strata, items);
    }

    /** Score bands at the score quantiles; equal scores always share a band. Each band is sorted by score. */
    static List<List<ReviewSegment>> bands(List<ReviewSegment> population, int count) {
        List<ReviewSegment> sorted = new ArrayList<>(population);
        sorted.sort(Comparator.comparingDouble((ReviewSegment s) -> s.row().score()).thenComparing(ReviewSegment::corpus)
                .thenComparing(ReviewSegment::id));
        TreeSet<Double> upper = new TreeSet<>();
        for (int b = 1; b <= count && !sorted.isEmpty(); b++) {
            upper.add(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil((double) b * sorted.size() / count) - 1)).row().score());
        }
        List<List<ReviewSegment>> out = new ArrayList<>();
        List<ReviewSegment> current = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            double score = sorted.get(i).row().score();
            current.add(sorted.get(i));
            boolean lastOfScore = i == sorted.size() - 1 || sorted.get(i + 1).row().score() != score;
            if (lastOfScore && upper.contains(score)) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /**
     * Proportional allocation by largest remainders (so the shares add up to {@code n}), then at least two a band
     * (one when the band has one), never more than the band holds.
     */
    static int[] allocate(List<List<ReviewSegment>> bands, int n) {
        int total = bands.stream().mapToInt(List::size).sum();
        int[] alloc = new int[bands.size()];
        double[] remainder = new double[bands.size()];
        int given = 0;
        for (int b = 0; b < bands.size(); b++) {
            double exact = (double) n * bands.get(b).size() / Math.max(1, total);
            alloc[b] = (int) Math.floor(exact);
            remainder[b] = exact - alloc[b];
            given += alloc[b];
        }
        while (given < n) {
            int best = 0;
            for (int b = 1; b < bands.size(); b++) if (remainder[b] > remainder[best]) best = b;
            alloc[best]++;
            remainder[best] = -1;
            given++;
        }
        for (int b = 0; b < bands.size(); b++) {
            int size = bands.get(b).size();
            alloc[b] = Math.min(size, Math.max(Math.min(2, size), alloc[b]));
        }
        return alloc;
    }

    /**
     * Every k-th segment from a random start, over the band ordered by recording and speaker (their order
     * shuffled, so no recording is always first).
     */
    static List<ReviewSegment> systematic(List<ReviewSegment> band, int n, Random random) {
        if (n <= 0) return List.of();
        long salt = random.nextLong();
        List<ReviewSegment> ordered = new ArrayList<>(band);
        ordered.sort(Comparator.comparingLong((ReviewSegment s) -> mix(s.corpus() + "/" + s.row().recordingId(), salt))
                .thenComparingLong(s -> mix(String.valueOf(s.row().speaker()), salt))
                .thenComparing(s -> s.row().start()));
        double step = (double) ordered.size() / n;
        double first = random.nextDouble() * step;
        List<ReviewSegment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(ordered.get(Math.min(ordered.size() - 1, (int) Math.floor(first + i * step))));
        return out;
    }

    private static long mix(String key, long salt) {
        long h = salt ^ key.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }
}
