package org.samtal.review;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SamplerTest {
    /** Segments of several recordings and speakers with scores spread over [0.5, 1]. */
    static List<ReviewSegment> corpus(int n, int recordings, long seed) {
        Random r = new Random(seed);
        List<ReviewSegment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String rec = "rec" + (i % recordings);
            double score = Math.round((0.5 + 0.5 * r.nextDouble()) * 1000) / 1000.0;
            out.add(new ReviewSegment("", Rows.row(rec + "-" + i, rec, "spk" + (i % 3), score, "open", "p")));
        }
        return out;
    }

    @Test
    void sizeFollowsTheMarginWithTheFinitePopulationCorrection() {
        // z^2 p(1-p) / e^2 = 1.96^2 * 0.25 / 0.05^2 = 384.16
        assertThat(Sampler.size(1_000_000, 0.05, 0.95)).isEqualTo(385);
        assertThat(Sampler.size(1000, 0.05, 0.95)).isEqualTo(278);
        assertThat(Sampler.size(19, 0.05, 0.95)).isEqualTo(19);
        assertThat(Sampler.size(100_000, 0.03, 0.99)).isEqualTo(1810);
    }

    @Test
    void everyScoreBandAndEveryRecordingIsInTheSample() {
        List<ReviewSegment> all = corpus(5000, 40, 7);
        Sample s = new Sampler().draw(all, Sampler.Settings.defaults());
        assertThat(s.items()).hasSize(357).doesNotHaveDuplicates();
        assertThat(s.strata()).hasSize(5);
        Map<String, Integer> perBand = new HashMap<>();
        for (Sample.Item it : s.items()) perBand.merge(it.stratum(), 1, Integer::sum);
        for (Sample.Stratum st : s.strata()) {
            assertThat(st.population()).isCloseTo(1000, within(30));
            assertThat(perBand.get(st.name())).isEqualTo(st.sampled()).isGreaterThanOrEqualTo(65);
        }
        Set<String> recordings = new HashSet<>();
        Map<String, Integer> speakers = new HashMap<>();
        Map<String, ReviewSegment> byId = new HashMap<>();
        for (ReviewSegment r : all) byId.put(r.id(), r);
        for (Sample.Item it : s.items()) {
            recordings.add(byId.get(it.segmentId()).row().recordingId());
            speakers.merge(byId.get(it.segmentId()).row().speaker(), 1, Integer::sum);
        }
        assertThat(recordings).hasSize(40);
        // speakers in proportion: a third each, give or take the bands' rounding
        assertThat(speakers.values()).allSatisfy(c -> assertThat(c).isCloseTo(s.items().size() / 3, within(12)));
        // one in ten is for two validators
        assertThat(s.items().stream().filter(i -> i.judges() == 2).count()).isCloseTo(36, within(1L));
    }

    @Test
    void theSameSeedDrawsTheSameSample() {
        List<ReviewSegment> all = corpus(800, 5, 3);
        assertThat(new Sampler().draw(all, Sampler.Settings.defaults()).items())
                .isEqualTo(new Sampler().draw(all, Sampler.Settings.defaults()).items());
        assertThat(new Sampler().draw(all, new Sampler.Settings(0.05, 0.95, 5, 0.1, 2)).items())
                .isNotEqualTo(new Sampler().draw(all, Sampler.Settings.defaults()).items());
    }

    @Test
    void equalScoresShareABand() {
        List<ReviewSegment> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) all.add(new ReviewSegment("", Rows.row("s" + i, "r", "a", i < 80 ? 1.0 : 0.7 + i / 1000.0, "open", "p")));
        List<List<ReviewSegment>> bands = Sampler.bands(all, 5);
        assertThat(bands).hasSize(2);
        assertThat(bands.get(1)).hasSize(80).allSatisfy(s -> assertThat(s.row().score()).isEqualTo(1.0));
    }

    @Property(tries = 60)
    void bandsComeFromDistinctScoreRangesAndOneScoreMakesOneBand(@ForAll @IntRange(min = 1, max = 500) int n,
                                                                @ForAll @IntRange(min = 1, max = 4) int scores,
                                                                @ForAll @IntRange(min = 1, max = 8) int bands) {
        Random random = new Random(n * 31L + scores);
        List<ReviewSegment> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(new ReviewSegment("", Rows.row("s" + i, "r" + i % 3, "a", 1.0 - random.nextInt(scores) / 10.0, "open", "p")));
        }
        long distinct = all.stream().mapToDouble(s -> s.row().score()).distinct().count();
        List<Sample.Stratum> strata = new Sampler().draw(all, new Sampler.Settings(0.05, 0.95, bands, 0.1, n)).strata();
        assertThat(strata.size()).isLessThanOrEqualTo((int) distinct);
        if (distinct == 1) {
            String only = String.format(java.util.Locale.ROOT, "%.3f", all.get(0).row().score());
            assertThat(strata).singleElement().satisfies(st -> assertThat(st.name()).isEqualTo(only + "-" + only));
        }
        for (int b = 1; b < strata.size(); b++) assertThat(strata.get(b).low()).isGreaterThan(strata.get(b - 1).high());
    }

    @Property(tries = 60)
    void theSampleNeverExceedsTheCorpusAndCoversEveryBand(@ForAll @IntRange(min = 1, max = 3000) int n,
                                                           @ForAll @IntRange(min = 1, max = 8) int bands) {
        List<ReviewSegment> all = corpus(n, 1 + n % 17, n);
        Sample s = new Sampler().draw(all, new Sampler.Settings(0.05, 0.95, bands, 0.1, n));
        assertThat(s.items().size()).isLessThanOrEqualTo(n);
        assertThat(s.items().stream().map(i -> i.segmentId()).distinct().count()).isEqualTo(s.items().size());
        assertThat(s.strata().stream().mapToInt(Sample.Stratum::population).sum()).isEqualTo(n);
        assertThat(s.strata()).allSatisfy(st -> assertThat(st.sampled()).isGreaterThanOrEqualTo(Math.min(2, st.population())));
    }
}
