package org.samtal.align;

import org.samtal.model.TextUnit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two engines backing each other up, chosen by evidence rather than by what is installed: the first aligns the
 * recording; when it leaves sentences unplaced or scores them below the acceptance threshold, the second aligns it
 * too, and each sentence keeps the placement that scores higher, as long as the kept placements stay in the
 * transcript's order and do not overlap. Scores are comparable across engines (see {@link Calibration}), which is
 * what makes the choice fair. Each span remembers its engine ({@link Alignment#placedBy()}).
 */
public final class BackedAligner implements Aligner {
    private final Aligner first;
    private final Aligner second;
    private final double threshold;

    /**
     * @param first     the engine tried first (e.g. Vosk, which recognises what it places)
     * @param second    the engine that tries where the first is weak (e.g. the synthetic aligner)
     * @param threshold a sentence scoring below this counts as weak (the acceptance threshold)
     */
    public BackedAligner(Aligner first, Aligner second, double threshold) {
        this.first = first;
        this.second = second;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return first.name() + "+" + second.name();
    }

    @Override
    public Alignment align(AlignmentRequest request) {
        Alignment a = first.align(request);
        int weak = a.unaligned().size();
        for (AlignedSpan s : a.spans()) if (s.score() < threshold) weak += s.units().size();
        if (weak == 0) return a;
        Alignment b = second.align(request);
        return merge(request.units(), a, b);
    }

    /** Both engines' spans, best first, kept where they fit in order among those already kept. */
    static Alignment merge(List<TextUnit> units, Alignment a, Alignment b) {
        record Candidate(AlignedSpan span, Alignment from) {
        }
        List<Candidate> all = new ArrayList<>();
        for (AlignedSpan s : a.spans()) all.add(new Candidate(s, a));
        for (AlignedSpan s : b.spans()) all.add(new Candidate(s, b));
        all.sort(Comparator.comparingDouble((Candidate c) -> -c.span().score()));
        // kept spans by their first unit's index: a new one must lie after the kept one before it and before the next
        TreeMap<Integer, Candidate> kept = new TreeMap<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (Candidate c : all) {
            List<TextUnit> us = c.span().units();
            int lo = us.get(0).index();
            int hi = us.get(us.size() - 1).index();
            if (us.stream().anyMatch(u -> taken.contains(u.index()))) continue;
            var before = kept.lowerEntry(lo);
            var after = kept.higherEntry(hi);
            if (before != null && before.getValue().span().end() > c.span().start()) continue;
            if (after != null && after.getValue().span().start() < c.span().end()) continue;
            kept.put(lo, c);
            for (TextUnit u : us) taken.add(u.index());
        }
        List<AlignedSpan> spans = new ArrayList<>();
        Map<Integer, String> placedBy = new HashMap<>();
        Map<Integer, float[]> charTimes = new HashMap<>();
        Map<Integer, List<org.samtal.model.WordTime>> words = new HashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Candidate c : kept.values()) {
            spans.add(c.span());
            String engine = c.from().engineOf(c.span());
            for (TextUnit u : c.span().units()) {
                placedBy.put(u.index(), engine);
                float[] t = c.from().charTimes().get(u.index());
                if (t != null) charTimes.put(u.index(), t);
                var w = c.from().words().get(u.index());
                if (w != null) words.put(u.index(), w);
            }
            counts.merge(engine, c.span().units().size(), Integer::sum);
        }
        List<TextUnit> unaligned = units.stream().filter(u -> !taken.contains(u.index())).toList();
        Map<String, Double> metrics = new LinkedHashMap<>();
        a.metrics().forEach((k, v) -> metrics.put(a.engine() + "." + k, v));
        b.metrics().forEach((k, v) -> metrics.put(b.engine() + "." + k, v));
        counts.forEach((engine, n) -> metrics.put("placed_by." + engine, (double) n));
        return new Alignment(a.engine() + "+" + b.engine(), spans, unaligned, metrics, charTimes, placedBy, words);
    }
}
