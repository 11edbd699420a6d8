package org.samtal.align;

/**
 * Places transcript units in a recording's audio. Implementations are stateless between calls, so one instance
 * can serve many recordings (and be shipped to workers).
 */
public interface Aligner {
    /** Short name written into every segment's {@code aligner} field. */
    String name();

    Alignment align(AlignmentRequest request);
}
