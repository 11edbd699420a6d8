package org.samtal.align;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How the grammar pass tells words a limited recogniser was forced to say. */
class VoskGrammarTest {
    @Test
    void wordsHeardMoreOftenThanTheSentenceHasThemWereForced() {
        // the model lacks "맞아요" and "산책하러": the recogniser says "갈까요" in their place
        assertThat(VoskAligner.forcedShare("네, 맞아요. 공원에 산책하러 갈까요?", "네 갈까요 공원에 갈까요 갈까요"))
                .isCloseTo(0.4, within(1e-9));
        // one word said twice where the model lacks another: a quarter forced
        assertThat(VoskAligner.forcedShare("안녕하세요. 오늘 날씨가 정말 좋네요.", "안녕하세요 오늘 오늘 좋네요"))
                .isCloseTo(0.25, within(1e-9));
        // words the sentence has, as often as it has them, in any order: nothing forced
        assertThat(VoskAligner.forcedShare("Hann sagði já, já.", "já hann já sagði")).isZero();
        assertThat(VoskAligner.forcedShare("Hann sagði já.", "")).isZero();
    }
}
