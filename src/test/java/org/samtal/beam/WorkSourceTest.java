package org.samtal.beam;

import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkSourceTest {
    private static Elements.Task task(int order, long bytes) {
        return new Elements.Task(order, false, List.of("{}"), java.util.Map.of(), bytes, "r" + order + ".wav");
    }

    @Test
    void splitsIntoOneUnitEachTheLargestFirstWhateverBundleSizeIsAsked() throws Exception {
        WorkSource all = new WorkSource(List.of(task(0, 10), task(1, 30), task(2, 20), task(3, 30)));
        var options = PipelineOptionsFactory.create();
        assertThat(all.getEstimatedSizeBytes(options)).isEqualTo(90);
        for (long desired : new long[]{1, 45, 1_000_000}) {
            List<Integer> orders = new ArrayList<>();
            for (WorkSource split : all.split(desired, options)) {
                List<Elements.Task> read = read(split);
                assertThat(read).hasSize(1);
                orders.add(read.get(0).order());
            }
            // the long ones start first; equal sizes in the intake's order
            assertThat(orders).containsExactly(1, 3, 2, 0);
        }
    }

    @Test
    void readsEveryUnitOfAnUnsplitSource() throws Exception {
        assertThat(read(new WorkSource(List.of(task(0, 1), task(1, 2))))).extracting(Elements.Task::order).containsExactly(0, 1);
        assertThat(read(new WorkSource(List.of()))).isEmpty();
    }

    private static List<Elements.Task> read(WorkSource source) throws Exception {
        List<Elements.Task> out = new ArrayList<>();
        try (BoundedSource.BoundedReader<Elements.Task> r = source.createReader(PipelineOptionsFactory.create())) {
            for (boolean more = r.start(); more; more = r.advance()) out.add(r.getCurrent());
        }
        return out;
    }
}
