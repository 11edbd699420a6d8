package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.speech.SpeechRegion;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SnapperTest {
    private final Snapper snapper = new Snapper(0.6);
    private final List<SpeechRegion> speech = List.of(new SpeechRegion(1.0, 3.0), new SpeechRegion(3.05, 3.1),
            new SpeechRegion(5.0, 7.0));

    @Test
    void aBoundaryInsideSpeechMovesToItsEdgeWithinReach() {
        assertThat(snapper.snap(1.3, speech, true, 0)).isCloseTo(1.0, within(1e-9));
        assertThat(snapper.snap(2.7, speech, false, 0.02)).isCloseTo(3.02, within(1e-9));
        // too far inside: the engine's place stands
        assertThat(snapper.snap(2.0, speech, false, 0)).isEqualTo(2.0);
    }

    @Test
    void aStartInAPauseMovesOnToTheNextOnsetWithinTwiceTheReach() {
        assertThat(snapper.snap(4.1, speech, true, 0)).isCloseTo(5.0, within(1e-9));
        assertThat(snapper.snap(3.6, speech, true, 0)).isEqualTo(3.6); // 1.4 s away: too far
    }

    @Test
    void anEndFarIntoAPauseMovesBackButOneCloseToTheSpeechStays() {
        // the 50 ms click at 3.05 is no speech edge
        assertThat(snapper.snap(3.9, speech, false, 0)).isCloseTo(3.0, within(1e-9));
        assertThat(snapper.snap(3.2, speech, false, 0)).isEqualTo(3.2);
        assertThat(snapper.snap(4.5, speech, false, 0)).isEqualTo(4.5); // 1.5 s away: too far
        // after the last speech too
        assertThat(snapper.snap(7.5, speech, false, 0)).isCloseTo(7.0, within(1e-9));
    }
}
