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

    private final double reach;

    /** @param reach how far a boundary may move, seconds */
    Snapper(double reach) {
        this.reach = reach;
    }

    /**
     * Moves a boundary that falls inside detected speech to that speech's edge (back to where it starts, for a
     * start; on to where it ends, for an end) when the edge is within reach, then past the edge by {@code beyond}.
     * A boundary already in a pause stays where the engine put it: measured on generated and on real read speech,
     * moving those to the nearest detected edge made boundaries worse in noise, where energy-based edges lose the
     * soft ends of words.
     *
     * @param t      the boundary
     * @param start  whether it starts speech or ends it
     * @param beyond how far past the edge the speech is known to reach unheard
     */
    double snap(double t, List<SpeechRegion> regions, boolean start, double beyond) {
        for (SpeechRegion r : regions) {
            if (r.duration() < MIN_REGION) continue;
            if (r.start() > t) {
                // a start in a pause moves on to the onset that follows: onsets are found well even in noise
                return start && r.start() - t <= reach ? r.start() - beyond : t;
            }
            if (t < r.end()) {
                double edge = start ? r.start() : r.end();
                return Math.abs(edge - t) <= reach ? (start ? edge - beyond : edge + beyond) : t;
            }
        }
        return t;
    }
}
