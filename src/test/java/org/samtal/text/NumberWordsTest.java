package org.samtal.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Number words for matching a transcript's digits to what a recogniser heard (#14 item 5). */
class NumberWordsTest {
    @Test
    void koreanNumbersAreSinoKoreanAsEspeakNgSaysThem() {
        // measured with espeak-ng -v ko -x: 555 is 'o_!p'Eq_! 'o_! s'ip_!'o_!, 120381 s'ip_!'i_! m'an_! s'am_!p'Eq_! ...
        assertThat(NumberWords.korean(555)).isEqualTo("오백오십오");
        assertThat(NumberWords.korean(1234)).isEqualTo("천이백삼십사");
        assertThat(NumberWords.korean(120381)).isEqualTo("십이만 삼백팔십일");
        assertThat(NumberWords.korean(4359)).isEqualTo("사천삼백오십구");
        assertThat(NumberWords.korean(10)).isEqualTo("십");
        assertThat(NumberWords.korean(10_000)).isEqualTo("만");
        assertThat(NumberWords.korean(100_000_000)).isEqualTo("일억");
        assertThat(NumberWords.korean(0)).isEqualTo("영");
    }

    @Test
    void aRunOfDigitsIsSaidAsANumberDigitByDigitOrInPairs() {
        assertThat(NumberWords.readings("ko", "1234")).containsExactly("천이백삼십사", "일 이 삼 사", "십이 삼십사");
        // espeak-ng says 010 as 영 십; a phone number's 0 is 공
        assertThat(NumberWords.readings("ko-KR", "010")).containsExactly("영 십", "공 일 공", "공 일 공");
        assertThat(NumberWords.readings("en", "555")).containsExactly("five hundred fifty five", "five five five",
                "five five five");
        assertThat(NumberWords.readings("en", "12345")).element(2).isEqualTo("one twenty three forty five");
        assertThat(NumberWords.readings("is", "1205")).containsExactly("eitt þúsund tvö hundruð og fimm",
                "eitt tvö núll fimm", "tólf núll fimm");
        // too long for a number: digit by digit
        assertThat(NumberWords.readings("en", "1234567890123")).element(0).isEqualTo(
                NumberWords.readings("en", "1234567890123").get(1));
        assertThat(NumberWords.readings("de", "555")).isEmpty();
    }
}
