package org.samtal.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.corpus.ManifestRow;
import org.samtal.media.Media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's figures of one corpus (its card, {@code review CORPUS --summary}) cover that corpus's segments only,
 * with bands from its own scores: a build folder's sample also holds the other track's segments.
 */
class CorpusFiguresTest {
    @TempDir
    Path dir;

    @Test
    void anOpenCorpusWhoseScoresAllTieHasOneBandAndNoneOfThePrivateTracks() throws Exception {
        // open: every clip scored 1.0; private: scores spread over 0.5-0.9 (four or five bands of their own)
        List<ManifestRow> open = new ArrayList<>();
        List<ReviewSegment> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ManifestRow r = Rows.row("o" + i, "rec" + i % 4, "a", 1.0, "open", "ruv");
            open.add(r);
            all.add(new ReviewSegment("open", r));
        }
        for (int i = 0; i < 60; i++) {
            all.add(new ReviewSegment("private", Rows.row("p" + i, "sec" + i % 3, "b", 0.5 + i / 150.0, "private", "spitali")));
        }
        Path openRoot = Files.createDirectories(dir.resolve("open"));
        Sample sample = new Sampler().draw(all, Sampler.Settings.defaults());
        assertThat(sample.strata().size()).isGreaterThan(2);
        try (ReviewStore store = ReviewStore.open(dir)) {
            store.saveSample(sample);
        }

        Corrections.Applied applied = new Corrections(new Media()).apply(openRoot, open, null, 0, Map.of());

        ReviewStats stats = applied.stats();
        assertThat(stats.bands()).extracting(ReviewStats.Estimate::band).containsExactly("1.000-1.000");
        assertThat(stats.bands().get(0).population()).isEqualTo(40);
        assertThat(stats.overall().population()).isEqualTo(40);
        long openSampled = sample.items().stream().filter(i -> i.corpus().equals("open")).count();
        assertThat(stats.sampleSize()).isEqualTo((int) openSampled);
        assertThat(stats.bands().get(0).sampled()).isEqualTo((int) openSampled);
    }
}
