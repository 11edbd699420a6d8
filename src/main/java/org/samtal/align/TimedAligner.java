package org.samtal.align;

import org.samtal.model.TextUnit;
import org.samtal.model.Turn;
import org.samtal.speech.SpeechRegion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For transcripts that carry times (subtitles, TextGrid, ELAN): the delivered times are kept, each moved to the
 * nearest edge of detected speech within a window, and checked against an independent alignment by another
 * engine. Where the two agree, the turn keeps its delivered (snapped) edges and the agreement raises its score;
 * where they disagree, the delivered times are taken to be off (shifted subtitles, coarse cues) and the other
 * engine's alignment is used instead.
 */
public final class TimedAligner implements Aligner {
    public static final String NAME = "timed";

    private final Aligner check;
    private final double window;

    /**
     * @param check  the engine that aligns independently of the delivered times
     * @param window how far a delivered time may move to reach a speech edge, and how far it may lie from the
     *               independent alignment while still agreeing with it, seconds
     */
    public TimedAligner(Aligner check, double window) {
        this.check = check;
        this.window = window;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Alignment align(AlignmentRequest request) {
        Alignment free = check.align(request);
        List<SpeechRegion> regions = request.speech().regions();
        Alignment independent = withDisputedTurnsCheckedInPlace(request, free, regions);
        // the independent spans of each turn
        Map<Integer, List<AlignedSpan>> byTurn = byTurn(independent);
        List<AlignedSpan> out = new ArrayList<>();
        int agreed = 0;
        int overruled = 0;
        for (Map.Entry<Integer, List<AlignedSpan>> e : byTurn.entrySet()) {
            List<AlignedSpan> spans = e.getValue();
            Turn turn = e.getKey() < request.turns().size() ? request.turns().get(e.getKey()) : null;
            if (turn == null || !turn.timed()) {
                out.addAll(spans);
                continue;
            }
            double start = nearestEdge(turn.start(), regions, true);
            double end = nearestEdge(turn.end(), regions, false);
            AlignedSpan first = spans.get(0);
            AlignedSpan last = spans.get(spans.size() - 1);
            double startOff = start - first.start();
            double endOff = end - last.end();
            boolean agrees = Math.abs(startOff) <= window && Math.abs(endOff) <= window && end > start;
            if (agrees) agreed++;
            else overruled++;
            for (int k = 0; k < spans.size(); k++) {
                AlignedSpan s = spans.get(k);
                Map<String, Double> metrics = new LinkedHashMap<>(s.metrics());
                metrics.put("timed_start_offset", startOff);
                metrics.put("timed_end_offset", endOff);
                if (!agrees) {
                    out.add(new AlignedSpan(s.units(), s.start(), s.end(), s.score(), metrics, s.hypothesis()));
                    continue;
                }
                double a = k == 0 ? start : s.start();
                double b = k == spans.size() - 1 ? end : s.end();
                if (b <= a) {
                    a = s.start();
                    b = s.end();
                }
                // two independent sources agreeing on a turn's edges is evidence for a turn of one sentence; inside a
                // turn of several, a wrong sentence would pass with its turn, so each keeps its own score; a turn
                // checked inside its own delivered stretch agrees by construction, so it keeps its own score too
                boolean inPlace = s.metrics().containsKey("timed_checked_in_place");
                double score = spans.size() == 1 && !inPlace ? Math.max(s.score(), AGREEMENT_SCORE) : s.score();
                out.add(new AlignedSpan(s.units(), a, b, score, metrics, s.hypothesis()));
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(independent.metrics());
        metrics.put("timed_turns_agreed", (double) agreed);
        metrics.put("timed_turns_overruled", (double) overruled);
        List<TextUnit> unaligned = independent.unaligned();
        return new Alignment(NAME + "+" + independent.engine(), Spans.disjoint(out), unaligned, metrics,
                independent.charTimes(), independent.placedBy(), independent.words());
    }

    /**
     * The turns the free alignment disagrees with, or left out, aligned again inside their own delivered stretch
     * (their times, widened by the window): a person's marks on casual speech are right where a free alignment loses its
     * way, and subtitles shifted by more than the window are not. Each such turn keeps whichever of its two alignments
     * scores higher on average (a turn left out scores 0 freely); the in-place one is marked
     * {@code timed_checked_in_place}.
     */
    private Alignment withDisputedTurnsCheckedInPlace(AlignmentRequest request, Alignment free,
                                                     List<SpeechRegion> regions) {
        Map<Integer, List<AlignedSpan>> freeByTurn = byTurn(free);
        Map<Integer, double[]> windows = new java.util.HashMap<>();
        java.util.Set<Integer> disputed = new java.util.TreeSet<>();
        for (TextUnit u : request.units()) {
            Turn turn = u.turn() < request.turns().size() ? request.turns().get(u.turn()) : null;
            if (turn == null || !turn.timed()) continue;
            List<AlignedSpan> spans = freeByTurn.get(u.turn());
            boolean agrees = spans != null && Math.abs(nearestEdge(turn.start(), regions, true) - spans.get(0).start()) <= window
                    && Math.abs(nearestEdge(turn.end(), regions, false) - spans.get(spans.size() - 1).end()) <= window;
            if (agrees) continue;
            disputed.add(u.turn());
            windows.put(u.index(), new double[]{turn.start() - window, turn.end() + window});
        }
        if (disputed.isEmpty()) return free;
        Alignment inPlace = check.align(new AlignmentRequest(request.recording(), request.audio(), request.channel(),
                request.speech(), request.units(), request.turns(), windows));
        Map<Integer, List<AlignedSpan>> placedByTurn = byTurn(inPlace);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int t : disputed) {
            double freeScore = meanScore(freeByTurn.get(t), request.units(), t);
            double placedScore = meanScore(placedByTurn.get(t), request.units(), t);
            if (placedScore > freeScore) taken.add(t);
        }
        if (taken.isEmpty()) return free;
        List<AlignedSpan> spans = new ArrayList<>();
        for (AlignedSpan s : free.spans()) if (!taken.contains(s.units().get(0).turn())) spans.add(s);
        for (AlignedSpan s : inPlace.spans()) {
            if (!taken.contains(s.units().get(0).turn())) continue;
            Map<String, Double> metrics = new LinkedHashMap<>(s.metrics());
            metrics.put("timed_checked_in_place", 1.0);
            spans.add(new AlignedSpan(s.units(), s.start(), s.end(), s.score(), metrics, s.hypothesis()));
        }
        spans.sort(java.util.Comparator.comparingDouble(AlignedSpan::start));
        java.util.Set<Integer> placed = new java.util.HashSet<>();
        for (AlignedSpan s : spans) for (TextUnit u : s.units()) placed.add(u.index());
        List<TextUnit> unaligned = request.units().stream().filter(u -> !placed.contains(u.index())).toList();
        Map<Integer, List<org.samtal.model.WordTime>> words = new java.util.HashMap<>(free.words());
        for (TextUnit u : request.units()) {
            if (!taken.contains(u.turn())) continue;
            // a turn placed anew takes its words from its new placement, never from the free one
            words.remove(u.index());
            if (inPlace.words().containsKey(u.index())) words.put(u.index(), inPlace.words().get(u.index()));
        }
        return new Alignment(free.engine(), Spans.disjoint(spans), unaligned, free.metrics(), free.charTimes(),
                free.placedBy(), words);
    }

    /** An alignment's spans grouped by the turn of their first sentence, in time order. */
    private static Map<Integer, List<AlignedSpan>> byTurn(Alignment a) {
        Map<Integer, List<AlignedSpan>> out = new LinkedHashMap<>();
        for (AlignedSpan s : a.spans()) out.computeIfAbsent(s.units().get(0).turn(), t -> new ArrayList<>()).add(s);
        return out;
    }

    /** The mean score of a turn's sentences (0 for one left out). */
    private static double meanScore(List<AlignedSpan> spans, List<TextUnit> units, int turn) {
        long sentences = units.stream().filter(u -> u.turn() == turn).count();
        if (spans == null || sentences == 0) return 0;
        double total = 0;
        for (AlignedSpan s : spans) total += s.score() * s.units().size();
        return total / sentences;
    }

    /** Score of a turn of one sentence whose delivered times agree with the independent alignment. */
    static final double AGREEMENT_SCORE = 0.9;

    private double nearestEdge(double t, List<SpeechRegion> regions, boolean start) {
        double best = t;
        double bestDist = window;
        for (SpeechRegion r : regions) {
            if (r.duration() < Snapper.MIN_REGION) continue;
            double edge = start ? r.start() : r.end();
            double d = Math.abs(edge - t);
            if (d <= bestDist) {
                bestDist = d;
                best = edge;
            }
            if (r.start() > t + window) break;
        }
        return best;
    }
}
