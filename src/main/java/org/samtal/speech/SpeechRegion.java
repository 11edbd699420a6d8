package org.samtal.speech;

/**
 * A stretch of speech between pauses.
 *
 * @param start seconds
 * @param end   seconds
 */
public record SpeechRegion(double start, double end) {
    public SpeechRegion {
        if (end < start) throw new IllegalArgumentException("region ends before it starts: " + start + " > " + end);
    }

    public double duration() {
        return end - start;
    }
}
