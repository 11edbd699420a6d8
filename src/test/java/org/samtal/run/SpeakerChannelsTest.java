package org.samtal.run;

import org.junit.jupiter.api.Test;
import org.samtal.align.AlignedSpan;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.speech.SpeechMap;
import org.samtal.speech.SpeechRegion;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * How a recording's speakers are told to be on channels of their own: each placed turn's level on every channel,
 * crosstalk taken out of a channel's speech, and overlapping turns flagged.
 */
class SpeakerChannelsTest {
    private static final double HOP = 0.01;

    private static AlignedSpan turn(String speaker, double start, double end) {
        return new AlignedSpan(List.of(new TextUnit(0, 0, speaker, "orð", 0, 3)), start, end, 1, Map.of());
    }

    /** Levels of two channels, 10 s: {@code a} speaks 1-3 s, {@code b} 4-6 s; silence at -90 dB. */
    private static float[][] levels(double aOnLeft, double aOnRight, double bOnLeft, double bOnRight) {
        float[][] l = new float[2][1000];
        for (int f = 0; f < 1000; f++) {
            double t = f * HOP;
            boolean a = t >= 1 && t < 3;
            boolean b = t >= 4 && t < 6;
            // speech rises and falls, so a level does not sit at one value
            double wobble = 6 * Math.sin(f * 0.7);
            l[0][f] = (float) (a ? aOnLeft + wobble : b ? bOnLeft + wobble : -90);
            l[1][f] = (float) (a ? aOnRight + wobble : b ? bOnRight + wobble : -90);
        }
        return l;
    }

    @Test
    void aSpeakerOnAChannelOfTheirOwnIsFarLouderThere() {
        // one speaker per channel, the other leaking in 25 dB down
        Map<String, double[]> own = SpeakerChannels.speakerLevels(List.of(turn("a", 1, 3), turn("b", 4, 6)),
                levels(-20, -45, -47, -22), HOP);
        assertThat(own.get("a")[0]).isCloseTo(25, within(0.5));
        assertThat(own.get("b")[1]).isCloseTo(25, within(0.5));
        assertThat(own.get("a")[0]).isGreaterThan(SpeakerChannels.OWN_CHANNEL_DB);
        // a stereo recording of one room: both speakers on both channels within a few dB
        Map<String, double[]> room = SpeakerChannels.speakerLevels(List.of(turn("a", 1, 3), turn("b", 4, 6)),
                levels(-20, -23, -24, -22), HOP);
        assertThat(Math.max(room.get("a")[0], room.get("a")[1])).isLessThan(SpeakerChannels.OWN_CHANNEL_DB);
        assertThat(Math.max(room.get("b")[0], room.get("b")[1])).isLessThan(SpeakerChannels.OWN_CHANNEL_DB);
    }

    @Test
    void aTurnTheOtherTalksOverOrAMisplacedTurnDoesNotDecide() {
        // a's turns as the mono alignment placed them: one of three reaches over b's speech
        Map<String, double[]> own = SpeakerChannels.speakerLevels(List.of(turn("a", 1, 2), turn("a", 2, 3), turn("a", 4, 5)),
                levels(-20, -45, -47, -22), HOP);
        assertThat(own.get("a")[0]).isCloseTo(25, within(0.5));
    }

    @Test
    void crosstalkIsTakenOutOfAChannelsSpeechButOverlappingSpeechIsKept() {
        float[][] l = levels(-20, -45, -47, -22);
        // b talks over the end of a's turn: 2.5-3 s loud on both channels
        for (int f = 250; f < 300; f++) l[1][f] = -21;
        // the detector on b's channel as it is: a's crosstalk 1-2.5 s is speech to it, then b from 2.5 s to 6 s
        SpeechMap raw = new SpeechMap(List.of(new SpeechRegion(1, 6)), HOP, l[1], -90, -20);
        assertThat(SpeechChannelsRegions.of(SpeakerChannels.ownSpeech(raw, l, 1, 0.08, 0.2)))
                .as("b's speech, from where b talks over a").containsExactly("2.50-6.00");
        SpeechMap rawLeft = new SpeechMap(List.of(new SpeechRegion(1, 3), new SpeechRegion(4, 6)), HOP, l[0], -90, -20);
        assertThat(SpeechChannelsRegions.of(SpeakerChannels.ownSpeech(rawLeft, l, 0, 0.08, 0.2)))
                .as("a's speech; b's crosstalk 4-6 s is none of it").containsExactly("1.00-3.00");
    }

    @Test
    void aWeakSoundWhileTheOtherTalksStaysInsideTheSpeakersSpeech() {
        float[][] l = levels(-20, -45, -47, -22);
        // a loud burst of b's 0.1 s long in the middle of a's turn: a's channel hears it 25 dB down
        for (int f = 200; f < 210; f++) {
            l[0][f] = -40;
            l[1][f] = -15;
        }
        SpeechMap raw = new SpeechMap(List.of(new SpeechRegion(1, 3)), HOP, l[0], -90, -20);
        assertThat(SpeechChannelsRegions.of(SpeakerChannels.ownSpeech(raw, l, 0, 0.08, 0.2))).containsExactly("1.00-3.00");
    }

    /** Regions as text, for readable assertions. */
    private static final class SpeechChannelsRegions {
        static List<String> of(SpeechMap m) {
            return m.regions().stream().map(r -> String.format(java.util.Locale.ROOT, "%.2f-%.2f", r.start(), r.end())).toList();
        }
    }

    private static Segment segment(String speaker, int channel, double start, double end) {
        return new Segment(speaker + start, "rec", channel, start - 0.1, end + 0.1, start, end, speaker, "Orð.", "is",
                "synthetic", 0.9, 0, 4, Map.of(), null, "orð", List.of(), List.of(), null, List.of());
    }

    @Test
    void turnsTalkedOverAreFlaggedOverlap() {
        List<Segment> out = SpeakerChannels.flagOverlaps(List.of(segment("a", 0, 1, 3), segment("b", 1, 2.5, 4),
                segment("a", 0, 5, 6), segment("b", 1, 7, 8)));
        assertThat(out.get(0).flags()).containsExactly("overlap");
        assertThat(out.get(1).flags()).containsExactly("overlap");
        assertThat(out.get(2).flags()).isEmpty();
        assertThat(out.get(3).flags()).isEmpty();
        assertThat(out.get(0).textNormalized()).isEqualTo("orð");
    }
}
