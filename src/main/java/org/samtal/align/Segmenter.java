package org.samtal.align;

import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;

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
        List<AlignedSpan> merged = merge(alignment.spans());
        List<Segment> out = new ArrayList<>(merged.size());
        for (int i = 0; i < merged.size(); i++) {
            AlignedSpan s = merged.get(i);
            double prevEnd = i == 0 ? 0 : merged.get(i - 1).end();
            double nextStart = i + 1 == merged.size() ? recording.duration() : merged.get(i + 1).start();
            double start = Math.max(0, s.start() - Math.min(policy.maxPadding(), Math.max(0, s.start() - prevEnd) / 2));
            double end = Math.min(recording.duration(),
                    s.end() + Math.min(policy.maxPadding(), Math.max(0, nextStart - s.end()) / 2));
            if (end <= start) continue;
            String speaker = s.speaker() == null ? recording.id() : s.speaker();
            TextUnit first = s.units().get(0);
            TextUnit last = s.units().get(s.units().size() - 1);
            out.add(new Segment(segmentId(recording.id(), channel, start), recording.id(), channel, start, end,
                    s.start(), s.end(), speaker,
                    s.text(), recording.language(), alignment.engine(), clamp(s.score()), first.charStart(),
                    last.charEnd(), s.metrics(), s.hypothesis(), null, List.of(), List.of(), null));
        }
        return out;
    }

    /** Stable id: recording id, channel when not the first, start in milliseconds. */
    public static String segmentId(String recordingId, int channel, double start) {
        String ms = String.format(java.util.Locale.ROOT, "%09d", Math.round(start * 1000));
        return channel == 0 ? recordingId + "-" + ms : recordingId + "-c" + channel + "-" + ms;
    }

    private List<AlignedSpan> merge(List<AlignedSpan> spans) {
        List<AlignedSpan> out = new ArrayList<>();
        for (AlignedSpan s : spans) {
            if (!out.isEmpty()) {
                AlignedSpan prev = out.get(out.size() - 1);
                boolean short_ = prev.end() - prev.start() < policy.minDuration() || s.end() - s.start() < policy.minDuration();
                boolean sameSpeaker = java.util.Objects.equals(prev.speaker(), s.speaker());
                boolean close = s.start() - prev.end() <= policy.mergeGap();
                boolean fits = s.end() - prev.start() <= policy.maxDuration();
                if (short_ && sameSpeaker && close && fits) {
                    out.set(out.size() - 1, join(prev, s));
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Joins two spans; the joint score is the lower one, since one bad half makes a bad segment. */
    private static AlignedSpan join(AlignedSpan a, AlignedSpan b) {
        List<TextUnit> units = new ArrayList<>(a.units());
        units.addAll(b.units());
        Map<String, Double> metrics = new HashMap<>(a.score() <= b.score() ? a.metrics() : b.metrics());
        return new AlignedSpan(units, a.start(), b.end(), Math.min(a.score(), b.score()), metrics,
                Spans.join(a.hypothesis(), b.hypothesis()));
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(1, score));
    }
}
