package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.model.Recording;
import org.samtal.model.TextUnit;
import org.samtal.model.Turn;
import org.samtal.speech.SpeechMap;
import org.samtal.speech.SpeechRegion;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimedAlignerTest {
    static final TextUnit RIGHT = new TextUnit(0, 0, "a", "Rétt setning.", 0, 13);
    static final TextUnit WRONG = new TextUnit(1, 0, "a", "Röng setning.", 14, 27);
    static final TextUnit ALONE = new TextUnit(2, 1, "b", "Ein setning.", 28, 40);

    /** An engine that places the three sentences where they are, sure of two, doubting the one in the middle. */
    static final Aligner INDEPENDENT = new Aligner() {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public Alignment align(AlignmentRequest request) {
            return new Alignment("stub", List.of(new AlignedSpan(List.of(RIGHT), 1.0, 3.0, 0.95, Map.of()),
                    new AlignedSpan(List.of(WRONG), 3.5, 5.0, 0.2, Map.of()),
                    new AlignedSpan(List.of(ALONE), 6.0, 8.0, 0.6, Map.of())), List.of(), Map.of());
        }
    };

    @Test
    void aTurnWhoseEdgesAgreeDoesNotLiftAWrongSentenceInsideIt() {
        List<Turn> turns = List.of(new Turn("a", "Rétt setning. Röng setning.", 1.05, 4.95, null, 0),
                new Turn("b", "Ein setning.", 6.02, 7.97, null, 28));
        SpeechMap speech = new SpeechMap(List.of(new SpeechRegion(1.0, 3.0), new SpeechRegion(3.5, 5.0),
                new SpeechRegion(6.0, 8.0)), 0.01, new float[0], -60, -20);
        Recording rec = new Recording("r-00000000", Path.of("r.wav"), "0".repeat(64), 10, 16_000, 1, "is");
        Alignment a = new TimedAligner(INDEPENDENT, 0.5).align(new AlignmentRequest(rec, null, 0, speech,
                List.of(RIGHT, WRONG, ALONE), turns));
        assertThat(a.spans()).extracting(AlignedSpan::score).containsExactly(0.95, 0.2, 0.9);
        assertThat(a.spans().get(0).metrics()).containsKey("timed_start_offset");
    }
}
