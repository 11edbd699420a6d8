package org.samtal.review;

import java.util.List;

/**
 * The segments drawn for review: a stratified random sample over score bands, spread over recordings and speakers
 * within each band. It is drawn once and kept, so every validator and every restart works on the same sample.
 *
 * @param createdAt  when it was drawn
 * @param margin     the margin of error it was sized for (e.g. 0.05)
 * @param confidence the confidence level of that margin (e.g. 0.95)
 * @param seed       the random seed it was drawn with
 * @param population segments in the corpora when it was drawn
 * @param strata     the score bands
 * @param items      the segments, in the order validators get them
 */
public record Sample(String createdAt, double margin, double confidence, long seed, int population,
                     List<Stratum> strata, List<Item> items) {
    public Sample {
        strata = List.copyOf(strata);
        items = List.copyOf(items);
    }

    /**
     * A score band.
     *
     * @param name       its label, e.g. {@code 0.912-0.975}
     * @param low        lowest score in it
     * @param high       highest score in it
     * @param population segments of the corpora in it
     * @param sampled    segments of it in the sample
     */
    public record Stratum(String name, double low, double high, int population, int sampled) {
    }

    /**
     * A segment to review.
     *
     * @param corpus    corpus name (see {@link Decision#corpus()})
     * @param segmentId segment id
     * @param stratum   its score band's name
     * @param judges    how many validators should judge it: 2 for the share kept for agreement, else 1
     */
    public record Item(String corpus, String segmentId, String stratum, int judges) {
    }
}
