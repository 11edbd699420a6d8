package org.samtal.align;

/**
 * How aligned spans become corpus segments; shared by every engine.
 *
 * @param minDuration spans shorter than this are merged with a neighbour of the same speaker when possible
 * @param maxDuration merging never makes a segment longer than this
 * @param maxPadding  silence kept before and after the speech, at most (never more than half the pause)
 * @param mergeGap    the longest pause merging may bridge
 * @param snapSeconds how far an engine may move a boundary to reach the edge of detected speech
 */
public record SegmentationPolicy(double minDuration, double maxDuration, double maxPadding, double mergeGap,
                                 double snapSeconds) {
    public SegmentationPolicy {
        if (minDuration < 0 || maxDuration <= minDuration) throw new IllegalArgumentException("need 0 <= min < max duration");
        if (maxPadding < 0 || mergeGap < 0 || snapSeconds < 0) throw new IllegalArgumentException("padding, gap and snap must be >= 0");
    }

    public static SegmentationPolicy defaults() {
        return new SegmentationPolicy(1.0, 20.0, 0.15, 1.0, 0.6);
    }
}
