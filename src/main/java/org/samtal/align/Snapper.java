package org.samtal.align;

import org.samtal.speech.SpeechRegion;

import java.util.List;

/**
 * Keeps an aligner's boundaries out of detected speech, so cuts fall in pauses and not inside words. Shared by the
 * engines that place boundaries from evidence other than the pauses themselves.
 */
final class Snapper {
    /** Speech regions shorter than this are not taken as sentence edges (a click or breath). */
    static final double MIN_REGION = 0.15;

    /** An end this far past the speech before it is taken to have swallowed pause. */
    static final double FAR_INTO_PAUSE = 0.25;

    private final double reach;

    /** @param reach how far a boundary may move, seconds */
    Snapper(double reach) {
        this.reach = reach;
    }

    /**
     * Moves a boundary that falls inside detected speech to that speech's edge (back to where it starts, for a
     * start; on to where it ends, for an end) when the edge is within reach, then past the edge by {@code beyond}.
     * A start in a pause moves on to the onset that follows (onsets are found well even in noise), within twice the
     * reach. An end in a pause stays where the engine put it unless it lies more than {@link #FAR_INTO_PAUSE} past
     * the speech before it (the warping gave the sentence the pause too); then it moves back to that speech's end,
     * within twice the reach. Ends close to the speech stay: measured on generated and on real read speech, moving
     * those made boundaries worse in noise, where energy-based edges lose the soft ends of words. Twice the reach,
     * because a pause swallowed whole is longer than the corrections inside speech that the reach is sized for.
     *
     * @param t      the boundary
     * @param start  whether it starts speech or ends it
     * @param beyond how far past the edge the speech is known to reach unheard
     */
    double snap(double t, List<SpeechRegion> regions, boolean start, double beyond) {
        SpeechRegion before = null;
        for (SpeechRegion r : regions) {
            if (r.duration() < MIN_REGION) continue;
            if (r.start() > t) {
                // a start in a pause moves on to the onset that follows: onsets are found well even in noise
                if (start) return r.start() - t <= 2 * reach ? r.start() - beyond : t;
                // an end far into a pause (the warping gave the sentence the pause too) moves back to where the
                // speech before it ended, weak final sounds included
                return farIntoPause(t, before) ? before.end() + beyond : t;
            }
            before = r;
            if (t < r.end()) {
                double edge = start ? r.start() : r.end();
                return Math.abs(edge - t) <= reach ? (start ? edge - beyond : edge + beyond) : t;
            }
        }
        return !start && farIntoPause(t, before) ? before.end() + beyond : t;
    }

    private boolean farIntoPause(double end, SpeechRegion before) {
        return before != null && end - before.end() > FAR_INTO_PAUSE && end - before.end() <= 2 * reach;
    }
}
