package org.samtal.privacy;

import org.junit.jupiter.api.Test;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScreeningTest {
    // "Anna: " is 6 characters; the sentence starts at offset 6 of the delivered file
    static final String SENTENCE = "Kennitalan er 120174-3399 og takk.";
    static final Transcript TRANSCRIPT = new Transcript(Path.of("t.txt"), "turns",
            List.of(Turn.of("anna", SENTENCE, 6)), List.of());
    static final TextUnit UNIT = new TextUnit(0, 0, "anna", SENTENCE, 6, 6 + SENTENCE.length());
    static final Segment SEGMENT = new Segment("r-00001000", "r", 0, 1.0, 4.0, 1.1, 3.9, "anna", SENTENCE, "is", "vosk", 0.9,
            6, 6 + SENTENCE.length(), Map.of(), null, SENTENCE, List.of(), List.of(), null, null);

    /** Every letter and digit of the sentence heard 0.1 s after the last, from 1.1 s. */
    static Map<Integer, float[]> timedEvenly() {
        long letters = SENTENCE.chars().filter(Character::isLetterOrDigit).count();
        float[] t = new float[(int) (2 * letters)];
        for (int k = 0; k < letters; k++) {
            t[2 * k] = 1.1f + 0.1f * k;
            t[2 * k + 1] = 1.1f + 0.1f * (k + 1);
        }
        return Map.of(0, t);
    }

    @Test
    void redactionPutsATagInTheTextAndSilencesTheTimedAudio() {
        Screening.Result r = new Screening(Screening.Policy.REDACT, t -> t.toLowerCase())
                .apply(TRANSCRIPT, List.of(SEGMENT), List.of(UNIT), timedEvenly());
        Segment s = r.segments().get(0);
        assertThat(s.text()).isEqualTo("Kennitalan er <kennitala> og takk.");
        assertThat(s.textNormalized()).isEqualTo("kennitalan er <kennitala> og takk.");
        assertThat(s.flags()).containsExactly("personal_data_redacted");
        // "Kennitalan" and "er" are letters 0-11; the kennitala's ten digits are letters 12-21: 2.3 s to 3.3 s
        double[] q = r.silences().get(SEGMENT.id()).get(0);
        assertThat(q[0]).isCloseTo(2.3 - 0.1, within(1e-4));
        assertThat(q[1]).isCloseTo(3.3 + 0.1, within(1e-4));
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.action()).isEqualTo("redacted in text and audio"));
    }

    @Test
    void withoutCharacterTimesRedactionLeavesTheSegmentOutUnlessOnlyTheTextIsAskedRedacted() {
        float[] none = new float[timedEvenly().get(0).length];
        Arrays.fill(none, Float.NaN);
        // redact: the clip would still say the kennitala, so the segment is not published
        Screening.Result r = new Screening(Screening.Policy.REDACT, t -> t)
                .apply(TRANSCRIPT, List.of(SEGMENT), List.of(UNIT), Map.of(0, none));
        assertThat(r.segments()).isEmpty();
        assertThat(r.dropped()).isEqualTo(1);
        assertThat(r.silences()).isEmpty();
        assertThat(r.findings().get(0).action()).isEqualTo("dropped (audio could not be silenced: no character times)");
        // redact-text, asked for explicitly: kept, its text redacted, flagged as still holding it in the audio
        Screening.Result t = new Screening(Screening.Policy.parse("redact-text"), x -> x)
                .apply(TRANSCRIPT, List.of(SEGMENT), List.of(UNIT), Map.of(0, none));
        assertThat(t.segments()).singleElement().satisfies(s -> {
            assertThat(s.flags()).containsExactly("personal_data_in_audio");
            assertThat(s.text()).isEqualTo("Kennitalan er <kennitala> og takk.");
        });
        assertThat(t.findings().get(0).action()).contains("audio not silenced");
        assertThat(new Screening(Screening.Policy.DROP, x -> x).apply(TRANSCRIPT, List.of(SEGMENT)).segments()).isEmpty();
    }
}
