package org.samtal.beam;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The build's units of work as a source that splits into one unit per split, the largest first. Runners hand
 * splits out as workers ask for them (Flink's split assigner, Spark's tasks, a bundle each on the DirectRunner),
 * so a worker done with a short recording takes the next one while another is still on a long one, and the long
 * ones start first. ({@code Create} and a {@code Reshuffle} spread them by a hash of their key instead: on two
 * workers the last few recordings of a build often queued behind one worker while the other stood idle.)
 */
final class WorkSource extends BoundedSource<Elements.Task> {
    private final List<Elements.Task> tasks;

    WorkSource(List<Elements.Task> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public List<WorkSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
        if (tasks.size() <= 1) return List.of(this); // a runner wants at least one split
        return tasks.stream()
                .sorted(Comparator.comparingLong(Elements.Task::bytes).reversed().thenComparingInt(Elements.Task::order))
                .map(t -> new WorkSource(List.of(t)))
                .toList();
    }

    @Override
    public long getEstimatedSizeBytes(PipelineOptions options) {
        return tasks.stream().mapToLong(Elements.Task::bytes).sum();
    }

    @Override
    public Coder<Elements.Task> getOutputCoder() {
        return SerializableCoder.of(Elements.Task.class);
    }

    @Override
    public BoundedReader<Elements.Task> createReader(PipelineOptions options) {
        return new Reader(this);
    }

    private static final class Reader extends BoundedReader<Elements.Task> {
        private final WorkSource source;
        private int next = -1;

        Reader(WorkSource source) {
            this.source = source;
        }

        @Override
        public boolean start() {
            return advance();
        }

        @Override
        public boolean advance() {
            next++;
            return next < source.tasks.size();
        }

        @Override
        public Elements.Task getCurrent() {
            if (next < 0 || next >= source.tasks.size()) throw new NoSuchElementException();
            return source.tasks.get(next);
        }

        @Override
        public void close() {
        }

        @Override
        public WorkSource getCurrentSource() {
            return source;
        }
    }
}
