package org.samtal.align;

import org.junit.jupiter.api.Test;
import org.samtal.model.TextUnit;
import org.samtal.model.WordTime;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A transcript's digits matched to a recogniser's number words (#14 item 5), on recognised-word fixtures in the form
 * Vosk's models give them: the same for English, Icelandic and Korean, whichever way the number was said.
 */
class SpokenNumbersTest {
    /** Words as {@code word@start-end}. */
    private static List<VoskAligner.Word> words(String... timed) {
        List<VoskAligner.Word> out = new ArrayList<>();
        for (String w : timed) {
            String[] p = w.split("[@-]");
            out.add(new VoskAligner.Word(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2]), 1));
        }
        return out;
    }

    private static TextUnit unit(String text) {
        return new TextUnit(0, 0, "a", text, 0, text.length());
    }

    private static WordTime word(List<WordTime> times, String word) {
        return times.stream().filter(w -> w.word().equals(word)).findFirst().orElseThrow();
    }

    @Test
    void englishDigitsSaidOneByOneTakeTheTimeOfTheirWords() {
        TextUnit u = unit("Call 555 1234 now.");
        VoskAligner.Matched m = VoskAligner.match(List.of(u), words("call@0.0-0.3", "five@0.5-0.7", "five@0.7-0.9",
                "five@0.9-1.1", "one@1.3-1.5", "two@1.5-1.7", "three@1.7-1.9", "four@1.9-2.1", "now@2.4-2.7"), "en");

        assertThat(SpokenNumbers.said(m.spoken(), 0, m.numbers())).isEqualToIgnoringWhitespace("Call five five five one two three four now.");
        List<WordTime> times = VoskAligner.wordTimes(u, m.charTimes().get(0));
        // the number takes the stretch between the words heard around it; its two runs part where the words do
        assertThat(word(times, "555").start()).isCloseTo(0.3, within(0.001));
        assertThat(word(times, "555").end()).isCloseTo(1.2, within(0.001));
        assertThat(word(times, "1234").start()).isCloseTo(1.2, within(0.001));
        assertThat(word(times, "1234").end()).isCloseTo(2.4, within(0.001));
        assertThat(word(times, "now").start()).isCloseTo(2.4, within(0.001));
    }

    @Test
    void englishNumbersSaidAsNumbersAndIcelandicPhoneNumbersSaidInPairs() {
        TextUnit en = unit("It costs 250 dollars.");
        VoskAligner.Matched m = VoskAligner.match(List.of(en), words("it@0.0-0.2", "costs@0.2-0.6", "two@0.7-0.9",
                "hundred@0.9-1.3", "fifty@1.3-1.6", "dollars@1.7-2.2"), "en");
        assertThat(SpokenNumbers.said(m.spoken(), 0, m.numbers())).isEqualToIgnoringWhitespace("It costs two hundred fifty dollars.");
        assertThat(word(VoskAligner.wordTimes(en, m.charTimes().get(0)), "250")).isEqualTo(new WordTime("250", 0.6, 1.7));

        // Icelanders say phone numbers in pairs: "fimm fimm fimm, tólf þrjátíu og fjögur"
        TextUnit is = unit("Hringdu í 555 1234 núna.");
        m = VoskAligner.match(List.of(is), words("hringdu@0.0-0.5", "í@0.5-0.6", "fimm@0.8-1.0", "fimm@1.0-1.2",
                "fimm@1.2-1.4", "tólf@1.6-1.9", "þrjátíu@1.9-2.3", "og@2.3-2.4", "fjögur@2.4-2.8", "núna@3.0-3.4"), "is");
        assertThat(SpokenNumbers.said(m.spoken(), 0, m.numbers()))
                .isEqualToIgnoringWhitespace("Hringdu í fimm fimm fimm tólf þrjátíu og fjögur núna.");
        List<WordTime> times = VoskAligner.wordTimes(is, m.charTimes().get(0));
        assertThat(word(times, "555")).isEqualTo(new WordTime("555", 0.6, 1.5));
        assertThat(word(times, "1234")).isEqualTo(new WordTime("1234", 1.5, 3.0));
    }

    @Test
    void koreanNumberWordsAndDigitsAsTheKoreanModelWritesThem() {
        // the small Korean model writes 백 and 십 in brackets, and some digits as [5]; espeak-ng says 오백오십오 천이백삼십사
        TextUnit u = unit("제 전화번호는 555 1234 입니다.");
        VoskAligner.Matched m = VoskAligner.match(List.of(u), words("제@0.0-0.2", "전화번호는@0.2-1.0", "오@1.2-1.35",
                "(백)@1.35-1.5", "[5]@1.5-1.65", "(십)@1.65-1.8", "오@1.8-1.95", "천@2.1-2.3", "이@2.3-2.4", "(백)@2.4-2.6",
                "삼@2.6-2.75", "십@2.75-2.9", "사@2.9-3.1", "입니다@3.3-3.8"), "ko");
        List<WordTime> times = VoskAligner.wordTimes(u, m.charTimes().get(0));
        assertThat(word(times, "555").start()).isCloseTo(1.0, within(0.001));
        assertThat(word(times, "555").end()).isCloseTo(2.025, within(0.001));
        assertThat(word(times, "1234").end()).isCloseTo(3.3, within(0.001));
        assertThat(SpokenNumbers.said(m.spoken(), 0, m.numbers())).isEqualToIgnoringWhitespace("제 전화번호는 오백오십오 천이백삼십사 입니다.");
    }

    @Test
    void aNumberNotHeardBetweenFarNeighboursGetsNoTime() {
        // ten seconds the recogniser made nothing of lie between the words around the number: where in them the
        // number was said is unknown, so its digits stay untimed (and redaction leaves the segment out)
        TextUnit u = unit("Call 555 1234 now.");
        VoskAligner.Matched m = VoskAligner.match(List.of(u), words("call@0.0-0.3", "now@10.4-10.7"), "en");
        float[] t = m.charTimes().get(0);
        for (int digit = 4; digit < 11; digit++) assertThat(t[2 * digit]).isNaN();
        assertThat(t[0]).isEqualTo(0f);
    }

    @Test
    void languagesWithoutNumberWordsKeepTheirDigitsAsWritten() {
        // no German number words: the digits are matched as written, and a recogniser that writes digits times them
        TextUnit u = unit("Ruf 555 an.");
        VoskAligner.Matched m = VoskAligner.match(List.of(u), words("ruf@0.0-0.3", "555@0.4-1.0", "an@1.1-1.3"), "de");
        assertThat(m.numbers()).isEmpty();
        assertThat(word(VoskAligner.wordTimes(u, m.charTimes().get(0)), "555")).isEqualTo(new WordTime("555", 0.4, 1.0));
    }
}
