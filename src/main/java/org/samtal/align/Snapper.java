package org.samtal.align;

import org.samtal.speech.SpeechRegion;

import java.util.List;

/**
 * Moves an aligner's boundary to the nearest edge of detected speech within reach, so cuts fall in pauses and not
 * inside words. Shared by the engines that place boundaries from evidence other than the pauses themselves.
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
     * @param t      the boundary
     * @param start  whether it starts speech (snaps to region starts) or ends it (region ends)
     * @param beyond how far past the edge the speech is known to reach unheard (moved outwards by this)
     */
    double snap(double t, List<SpeechRegion> regions, boolean start, double beyond) {
        double best = Double.NaN;
        double bestDist = reach;
        for (SpeechRegion r : regions) {
            if (r.start() > t + reach) break;
            if (r.duration() < MIN_REGION) continue;
            double edge = start ? r.start() : r.end();
            double d = Math.abs(edge - t);
            if (d <= bestDist) {
                bestDist = d;
                best = edge;
            }
        }
        if (Double.isNaN(best)) return t;
        return start ? best - beyond : best + beyond;
    }
}
