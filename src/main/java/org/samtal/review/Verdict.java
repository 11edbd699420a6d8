package org.samtal.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the validators decided about one segment, all decisions taken together: each validator's newest decision
 * counts; a segment any of them rejects is rejected (a corpus is better without a doubtful segment than with it);
 * otherwise the newest correction of text and of boundaries is used.
 *
 * @param corpus    corpus name
 * @param segmentId segment id
 * @param current   each validator's newest decision, in the order the validators first judged it
 * @param rejected  whether it is left out
 * @param bad       whether any validator found it wrong as built (see {@link Decision#bad()})
 * @param text      corrected text, or {@code null}
 * @param start     corrected clip start, or {@code null}
 * @param end       corrected clip end, or {@code null}
 */
public record Verdict(String corpus, String segmentId, List<Decision> current, boolean rejected, boolean bad,
                      String text, Double start, Double end) {

    /** The verdicts of every judged segment, keyed by {@link #key(String, String)}. */
    public static Map<String, Verdict> of(List<Decision> decisions) {
        Map<String, LinkedHashMap<String, Decision>> bySegment = new LinkedHashMap<>();
        for (Decision d : decisions) { // oldest first, so a validator's newest decision replaces theirs in place
            bySegment.computeIfAbsent(key(d.corpus(), d.segmentId()), k -> new LinkedHashMap<>()).put(d.validator(), d);
        }
        Map<String, Verdict> out = new LinkedHashMap<>();
        bySegment.forEach((key, byValidator) -> {
            List<Decision> current = new ArrayList<>(byValidator.values());
            boolean rejected = current.stream().anyMatch(Decision::rejected);
            boolean bad = current.stream().anyMatch(Decision::bad);
            List<Decision> newestFirst = new ArrayList<>(current);
            newestFirst.sort(Comparator.comparing(Decision::decidedAt).reversed());
            String text = null;
            Double start = null;
            Double end = null;
            if (!rejected) {
                text = newestFirst.stream().map(Decision::text).filter(t -> t != null).findFirst().orElse(null);
                Decision moved = newestFirst.stream().filter(Decision::movesBoundaries).findFirst().orElse(null);
                if (moved != null) {
                    start = moved.start();
                    end = moved.end();
                }
            }
            Decision first = current.get(0);
            out.put(key, new Verdict(first.corpus(), first.segmentId(), List.copyOf(current), rejected, bad, text, start, end));
        });
        return out;
    }

    public static String key(String corpus, String segmentId) {
        return corpus + "\u0000" + segmentId;
    }

    public boolean corrected() {
        return !rejected && (text != null || start != null || end != null);
    }
}
