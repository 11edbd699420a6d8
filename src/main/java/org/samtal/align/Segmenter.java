package org.samtal.align;

import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.model.WordTime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link Alignment} into segments: merges short neighbouring spans of one speaker, keeps a little of the
 * surrounding silence, and gives each segment its stable id.
 */
public final class Segmenter {
    private final SegmentationPolicy policy;

    public Segmenter(SegmentationPolicy policy) {
        this.policy = policy;
    }

    public List<Segment> segments(Recording recording, Alignment alignment, int channel) {
        List<Piece> pieces = new ArrayList<>();
        Map<Integer, TextUnit> unplaced = new HashMap<>();
        for (TextUnit u : alignment.unaligned()) unplaced.put(u.index(), u);
        for (AlignedSpan s : alignment.spans()) {
            pieces.addAll(split(new Piece(doubted(s, unplaced), alignment.engineOf(s), words(alignment, s))));
        }
        List<Piece> merged = merge(pieces);
        List<Segment> out = new ArrayList<>(merged.size());
        for (int i = 0; i < merged.size(); i++) {
            AlignedSpan s = merged.get(i).span();
            double prevEnd = i == 0 ? 0 : merged.get(i - 1).span().end();
            double nextStart = i + 1 == merged.size() ? recording.duration() : merged.get(i + 1).span().start();
            double start = Math.max(0, s.start() - Math.min(policy.maxPadding(), Math.max(0, s.start() - prevEnd) / 2));
            double end = Math.min(recording.duration(),
                    s.end() + Math.min(policy.maxPadding(), Math.max(0, nextStart - s.end()) / 2));
            if (end <= start) continue;
            String speaker = s.speaker() == null ? recording.id() : s.speaker();
            TextUnit first = s.units().get(0);
            TextUnit last = s.units().get(s.units().size() - 1);
            out.add(new Segment(segmentId(recording.id(), channel, start), recording.id(), channel, start, end,
                    s.start(), s.end(), speaker,
                    s.text(), recording.language(), merged.get(i).engine(), clamp(s.score()), first.charStart(),
                    last.charEnd(), s.metrics(), s.hypothesis(), null, List.of(), List.of(), null, merged.get(i).words()));
        }
        return out;
    }

    /**
     * A span with a piece of its own passage unplaced beside it scores 0: the passage was cut for length where the
     * text has no boundary, so the unplaced piece's words are most likely in this span's audio (measured: a 30-word
     * turn cut in two, the first piece found no audio, the second took the whole turn's speech and scored 0.69).
     */
    private static AlignedSpan doubted(AlignedSpan s, Map<Integer, TextUnit> unplaced) {
        boolean doubt = false;
        for (TextUnit u : s.units()) {
            TextUnit next = unplaced.get(u.index() + 1);
            if ((u.continues() && unplaced.containsKey(u.index() - 1)) || (next != null && next.continues())) doubt = true;
        }
        if (!doubt) return s;
        Map<String, Double> metrics = new HashMap<>(s.metrics());
        metrics.put("passage_piece_unplaced", 1.0);
        return new AlignedSpan(s.units(), s.start(), s.end(), 0, metrics, s.hypothesis());
    }

    /** A span on its way to a segment, with the engine that placed it and its words' times (empty when untimed). */
    private record Piece(AlignedSpan span, String engine, List<WordTime> words) {
    }

    /** The words of a span's units, as the engine timed them (none when it did not time all of them). */
    private static List<WordTime> words(Alignment alignment, AlignedSpan span) {
        List<WordTime> out = new ArrayList<>();
        for (TextUnit u : span.units()) {
            List<WordTime> w = alignment.words().get(u.index());
            if (w == null || w.isEmpty()) return List.of();
            out.addAll(w);
        }
        return out;
    }

    /**
     * A sentence longer than the longest segment, cut where its speaker paused longest between words, into pieces
     * that fit (a long unpunctuated stretch, a speaker who runs sentences together): kept instead of dropped. Needs
     * the engine's word times; without them the span stays whole (and the duration filter decides).
     */
    private List<Piece> split(Piece p) {
        AlignedSpan s = p.span();
        List<WordTime> w = p.words();
        if (s.end() - s.start() <= policy.maxDuration() || s.units().size() != 1 || w.size() < 2) return List.of(p);
        TextUnit unit = s.units().get(0);
        // where each word starts in the unit's text, so each piece keeps its own delivered text and character span
        int[] at = new int[w.size() + 1];
        int pos = 0;
        for (int i = 0; i < w.size(); i++) {
            int found = unit.text().indexOf(w.get(i).word(), pos);
            if (found < 0) return List.of(p);
            at[i] = found;
            pos = found + w.get(i).word().length();
        }
        at[w.size()] = unit.text().length();
        List<Piece> out = new ArrayList<>();
        int a = 0;
        while (a < w.size()) {
            int b = a;
            while (b + 1 < w.size() && w.get(b + 1).end() - w.get(a).start() <= policy.maxDuration()) b++;
            int cut = w.size(); // the piece is words [a, cut)
            if (b + 1 < w.size()) {
                // the widest pause between words a+1..b that leaves the piece at least the shortest segment long
                cut = b + 1;
                double widest = -1;
                for (int c = a + 1; c <= b; c++) {
                    double gap = w.get(c).start() - w.get(c - 1).end();
                    if (w.get(c - 1).end() - w.get(a).start() >= policy.minDuration() && gap > widest) {
                        widest = gap;
                        cut = c;
                    }
                }
            }
            String text = unit.text().substring(at[a], at[cut]).strip();
            TextUnit part = new TextUnit(unit.index(), unit.turn(), unit.speaker(), text, unit.charStart() + at[a],
                    unit.charStart() + at[a] + text.length());
            double start = a == 0 ? s.start() : w.get(a).start();
            double end = cut == w.size() ? s.end() : w.get(cut - 1).end();
            Map<String, Double> metrics = new HashMap<>(s.metrics());
            metrics.put("split", 1.0);
            out.add(new Piece(new AlignedSpan(List.of(part), start, Math.max(start, end), s.score(), metrics,
                    s.hypothesis()), p.engine(), List.copyOf(w.subList(a, cut))));
            a = cut;
        }
        return out;
    }

    /** Stable id: recording id, channel when not the first, start in milliseconds. */
    public static String segmentId(String recordingId, int channel, double start) {
        String ms = String.format(java.util.Locale.ROOT, "%09d", Math.round(start * 1000));
        return channel == 0 ? recordingId + "-" + ms : recordingId + "-c" + channel + "-" + ms;
    }

    private List<Piece> merge(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : pieces) {
            AlignedSpan s = p.span();
            if (!out.isEmpty()) {
                AlignedSpan prev = out.get(out.size() - 1).span();
                boolean short_ = prev.end() - prev.start() < policy.minDuration() || s.end() - s.start() < policy.minDuration();
                boolean sameSpeaker = java.util.Objects.equals(prev.speaker(), s.speaker());
                boolean close = s.start() - prev.end() <= policy.mergeGap();
                boolean fits = s.end() - prev.start() <= policy.maxDuration();
                if (short_ && sameSpeaker && close && fits) {
                    out.set(out.size() - 1, join(out.get(out.size() - 1), p));
                    continue;
                }
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Joins two pieces; the joint score is the lower one, since one bad half makes a bad segment, and so is its
     * engine. Words only when both halves have them.
     */
    private static Piece join(Piece x, Piece y) {
        AlignedSpan a = x.span();
        AlignedSpan b = y.span();
        List<TextUnit> units = new ArrayList<>(a.units());
        units.addAll(b.units());
        Map<String, Double> metrics = new HashMap<>(a.score() <= b.score() ? a.metrics() : b.metrics());
        List<WordTime> words = new ArrayList<>();
        if (!x.words().isEmpty() && !y.words().isEmpty()) {
            words.addAll(x.words());
            words.addAll(y.words());
        }
        return new Piece(new AlignedSpan(units, a.start(), b.end(), Math.min(a.score(), b.score()), metrics,
                Spans.join(a.hypothesis(), b.hypothesis())), a.score() <= b.score() ? x.engine() : y.engine(), words);
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(1, score));
    }
}
