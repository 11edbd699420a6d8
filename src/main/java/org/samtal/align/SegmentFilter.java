package org.samtal.align;

import org.samtal.model.Segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which segments go into the corpus. Each rule is configurable; what each removed is counted so the
 * report can say how much audio each filter cost.
 *
 * @param minScore       lowest alignment score accepted
 * @param minDuration    shortest segment, seconds
 * @param maxDuration    longest segment, seconds
 * @param minCharsPerSec fewest letters per second (lower: the text misses words, or the audio has extra speech)
 * @param maxCharsPerSec most letters per second (higher: the audio misses words)
 */
public record SegmentFilter(double minScore, double minDuration, double maxDuration, double minCharsPerSec,
                            double maxCharsPerSec) {
    /** The filters' rules, in the order they are tried and reported. */
    public static final List<String> RULES = List.of("score", "duration", "chars_per_second");

    public static SegmentFilter defaults() {
        return new SegmentFilter(0.5, 1.0, 20.0, 3.0, 30.0);
    }

    /** How many segments and seconds one rule removed. */
    public record Removed(int segments, double seconds) {
        Removed plus(Segment s) {
            return new Removed(segments + 1, seconds + s.duration());
        }
    }

    /**
     * Why a segment was left out: the rule, and the segment's value against the rule's limit (for personal data,
     * the kind of data instead, never its value).
     *
     * @param rule  {@code score}, {@code duration}, {@code chars_per_second} or {@code personal_data}
     * @param value the segment's score, duration (seconds) or letters per second
     * @param limit the limit it passed: the lowest score, the shortest or longest duration, the fewest or most letters
     *              per second
     * @param kind  for personal data, its kinds (comma-separated), else {@code null}
     */
    public record Reason(String rule, Double value, Double limit, String kind) {
        static Reason of(String rule, double value, double limit) {
            return new Reason(rule, Math.round(value * 10000) / 10000.0, limit, null);
        }

        /** Personal data of the given kinds. */
        public static Reason personalData(java.util.Collection<String> kinds) {
            return new Reason("personal_data", null, null, String.join(",", new java.util.TreeSet<>(kinds)));
        }
    }

    /** A segment left out, and why. */
    public record Rejection(Segment segment, Reason reason) {
    }

    /**
     * @param kept     accepted segments
     * @param removed  per rule (score, duration, chars_per_second), what it removed; first failing rule counts
     * @param rejected the segments removed, each with the first rule it failed, in input order
     */
    public record Result(List<Segment> kept, Map<String, Removed> removed, List<Rejection> rejected) {
        public Result {
            kept = List.copyOf(kept);
            rejected = List.copyOf(rejected);
        }
    }

    public Result apply(List<Segment> segments) {
        List<Segment> kept = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Removed> removed = new LinkedHashMap<>();
        for (String rule : RULES) removed.put(rule, new Removed(0, 0));
        for (Segment s : segments) {
            Reason reason = reason(s);
            if (reason == null) {
                kept.add(s);
            } else {
                removed.merge(reason.rule(), new Removed(1, s.duration()), (x, y) -> x.plus(s));
                rejected.add(new Rejection(s, reason));
            }
        }
        return new Result(kept, removed, rejected);
    }

    /** The first rule a segment fails, or {@code null}. */
    public String failedRule(Segment s) {
        Reason r = reason(s);
        return r == null ? null : r.rule();
    }

    /** The first rule a segment fails, with its value and the limit, or {@code null} when it passes all. */
    public Reason reason(Segment s) {
        if (s.score() < minScore) return Reason.of("score", s.score(), minScore);
        if (s.duration() < minDuration) return Reason.of("duration", s.duration(), minDuration);
        if (s.duration() > maxDuration) return Reason.of("duration", s.duration(), maxDuration);
        double cps = letters(s.textNormalized() != null ? s.textNormalized() : s.text()) / s.duration();
        if (cps < minCharsPerSec) return Reason.of("chars_per_second", cps, minCharsPerSec);
        if (cps > maxCharsPerSec) return Reason.of("chars_per_second", cps, maxCharsPerSec);
        return null;
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) if (Character.isLetterOrDigit(text.charAt(i))) n++;
        return n;
    }
}
