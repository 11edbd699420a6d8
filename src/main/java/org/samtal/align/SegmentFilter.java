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
     * @param kept    accepted segments
     * @param removed per rule (score, duration, chars_per_second), what it removed; first failing rule counts
     */
    public record Result(List<Segment> kept, Map<String, Removed> removed) {
    }

    public Result apply(List<Segment> segments) {
        List<Segment> kept = new ArrayList<>();
        Map<String, Removed> removed = new LinkedHashMap<>();
        for (String rule : List.of("score", "duration", "chars_per_second")) removed.put(rule, new Removed(0, 0));
        for (Segment s : segments) {
            String rule = failedRule(s);
            if (rule == null) kept.add(s);
            else removed.merge(rule, new Removed(1, s.duration()), (x, y) -> x.plus(s));
        }
        return new Result(kept, removed);
    }

    /** The first rule a segment fails, or {@code null}. */
    public String failedRule(Segment s) {
        if (s.score() < minScore) return "score";
        if (s.duration() < minDuration || s.duration() > maxDuration) return "duration";
        double cps = letters(s.textNormalized() != null ? s.textNormalized() : s.text()) / s.duration();
        if (cps < minCharsPerSec || cps > maxCharsPerSec) return "chars_per_second";
        return null;
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) if (Character.isLetterOrDigit(text.charAt(i))) n++;
        return n;
    }
}
