package org.samtal.beam;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.samtal.corpus.DuplicateIndex;
import org.samtal.run.Arrivals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Duplicate detection, the global step that compares recordings with each other: every recording's fingerprint
 * (decoded-audio hash, sound print, words hash) meets the others' under one key, and {@link Arrivals#resolve} decides
 * in the intake's stable order, so the first copy wins whichever worker finished first. One key, because a
 * re-encoded or trimmed copy has no exact key in common with its original: its print is only similar; the entries
 * are a few hundred bytes a recording.
 */
final class Duplicates extends PTransform<PCollection<Elements.Arrived>, PCollection<Elements.Resolution>> {
    private final BuildConfig config;

    Duplicates(BuildConfig config) {
        this.config = config;
    }

    @Override
    public PCollection<Elements.Resolution> expand(PCollection<Elements.Arrived> arrived) {
        return arrived
                .apply("ByCorpus", WithKeys.<String, Elements.Arrived>of("corpus"))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Elements.Arrived.class)))
                .apply("Meet", GroupByKey.create())
                .apply("InStableOrder", ParDo.of(new Resolve(config)))
                .setCoder(SerializableCoder.of(Elements.Resolution.class));
    }

    private static final class Resolve extends DoFn<KV<String, Iterable<Elements.Arrived>>, Elements.Resolution> {
        private final BuildConfig config;

        Resolve(BuildConfig config) {
            this.config = config;
        }

        @ProcessElement
        public void resolve(@Element KV<String, Iterable<Elements.Arrived>> all, OutputReceiver<Elements.Resolution> out) {
            List<Arrivals.Arrival> arrivals = new ArrayList<>();
            for (Elements.Arrived a : all.getValue()) arrivals.add(a.arrival());
            try (Staging staging = Staging.of(config)) {
                // the earlier recordings' fingerprints, from the shared corpus when it is one
                if (staging.remote() != null) staging.remote().fetchIndex(staging.root());
                Arrivals.Resolved resolved = Arrivals.resolve(arrivals, new LinkedHashSet<>(config.earlier()), config.prune(),
                        config.buildSettings().duplicates(), new DuplicateIndex(staging.root()));
                out.output(new Elements.Resolution(Wire.write(resolved)));
            }
        }
    }
}
