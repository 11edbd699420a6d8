package org.samtal.review;

import org.samtal.corpus.ManifestRow;

import java.util.List;
import java.util.Locale;

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

    /** How far a corrected edge may lie from the built one: further is another segment, not a correction. */
    public static final double MAX_SHIFT = 5.0;

    /**
     * What is wrong with corrected clip edges, or {@code null} when they are usable: finite, start before end (by at
     * least {@code minClip}), each within {@link #MAX_SHIFT} of the built edge, and inside the recording.
     *
     * @param row              the segment as built
     * @param recordingSeconds the source recording's length, or NaN when unknown
     */
    public static String edgesProblem(ManifestRow row, double start, double end, double minClip, double recordingSeconds) {
        String send = String.format(Locale.ROOT, "send start and end as seconds in the source recording, each within %.0f s "
                + "of the built edges (%.3f-%.3f)%s", MAX_SHIFT, row.start(), row.end(), Double.isFinite(recordingSeconds)
                ? String.format(Locale.ROOT, " and inside the recording (0-%.3f)", recordingSeconds) : "");
        if (!Double.isFinite(start) || !Double.isFinite(end)) return "the edges must be finite numbers; " + send;
        if (start < 0) return String.format(Locale.ROOT, "start %.3f lies before the recording begins; ", start) + send;
        if (Double.isFinite(recordingSeconds) && end > recordingSeconds + 0.001) {
            return String.format(Locale.ROOT, "end %.3f lies past the end of the recording (%.3f s); ", end, recordingSeconds) + send;
        }
        if (Math.abs(start - row.start()) > MAX_SHIFT || Math.abs(end - row.end()) > MAX_SHIFT) {
            return String.format(Locale.ROOT, "%.3f-%.3f moves an edge more than %.0f s; ", start, end, MAX_SHIFT) + send;
        }
        if (end - start < minClip) {
            return String.format(Locale.ROOT, "boundaries %.3f-%.3f s leave no clip; the end must lie at least %.1f s after "
                    + "the start; ", start, end, minClip) + send;
        }
        return null;
    }

    public boolean rejected() {
        return REJECT.equals(verdict);
    }

    public boolean movesBoundaries() {
        return start != null || end != null;
    }
}
