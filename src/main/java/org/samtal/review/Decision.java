package org.samtal.review;

import java.util.List;

/**
 * One judgement of one segment by one validator. Decisions are only ever added: a validator who changes their mind
 * adds a newer one, and the newest counts.
 *
 * @param corpus    the corpus the segment belongs to, relative to the review folder ({@code ""}, {@code open}, ...)
 * @param segmentId the segment's id
 * @param validator who judged
 * @param decidedAt when (ISO-8601 instant)
 * @param verdict   {@link #ACCEPT} or {@link #REJECT}
 * @param reason    why a segment was rejected (one of {@link #REASONS}), else {@code null}
 * @param text      the corrected text, or {@code null} when the text was left as delivered
 * @param start     the corrected clip start in the source recording (seconds), or {@code null}
 * @param end       the corrected clip end, or {@code null}
 * @param bad       whether the segment, as built, was wrong: rejected, text corrected, or a boundary moved by more
 *                  than {@link #BOUNDARY_TOLERANCE} seconds. The error-rate estimate and agreement count this.
 */
public record Decision(String corpus, String segmentId, String validator, String decidedAt, String verdict,
                       String reason, String text, Double start, Double end, boolean bad) {
    public static final String ACCEPT = "accept";
    public static final String REJECT = "reject";
    public static final List<String> REASONS = List.of("wrong_text", "cut_too_early", "cut_too_late", "noise_or_music",
            "personal_data", "wrong_language", "other");
    /** A boundary moved by less than this is a touch-up, not an error (the alignment targets' own tolerance). */
    public static final double BOUNDARY_TOLERANCE = 0.1;

    public boolean rejected() {
        return REJECT.equals(verdict);
    }

    public boolean movesBoundaries() {
        return start != null || end != null;
    }
}
