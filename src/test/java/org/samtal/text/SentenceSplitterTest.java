package org.samtal.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {
    private static List<String> split(String lang, String text) {
        return new SentenceSplitter(lang).split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void splitsIcelandicAndKeepsAbbreviationsAndOrdinalsWhole() {
        assertThat(split("is", "Við fórum t.d. til Akureyrar. Það var gaman! Hvað svo? Þann 17. júní var hátíð."))
                .containsExactly("Við fórum t.d. til Akureyrar.", "Það var gaman!", "Hvað svo?", "Þann 17. júní var hátíð.");
        assertThat(split("is", "Hann kom kl. 10 og fór o.s.frv. Síðan kom Jón."))
                .containsExactly("Hann kom kl. 10 og fór o.s.frv. Síðan kom Jón.");
        assertThat(split("is", "Ég hitti Þ. Jónsson í gær. Hann var hress."))
                .containsExactly("Ég hitti Þ. Jónsson í gær.", "Hann var hress.");
    }

    @Test
    void splitsEnglishWithTitlesAndQuotes() {
        assertThat(split("en", "Mr. Smith arrived at 5 p.m. sharp. \"Hello!\" he said. It cost 3.50 dollars."))
                .containsExactly("Mr. Smith arrived at 5 p.m. sharp.", "\"Hello!\" he said.", "It cost 3.50 dollars.");
    }

    @Test
    void aLineBreakBeforeACapitalEndsASentenceWithoutAStop() {
        assertThat(split("is", "Fyrsta lína án punkts\nÖnnur lína líka\nog framhald hennar"))
                .containsExactly("Fyrsta lína án punkts", "Önnur lína líka\nog framhald hennar");
    }

    @Test
    void splitsKoreanWhoseLettersHaveNoCase() {
        // Hangul has no capitals: a stop and space, or a line break, before a Hangul letter ends a sentence
        assertThat(split("ko", "안녕하세요. 오늘 날씨가 정말 좋네요! 제 전화번호는 555 1234 입니다.\n학교 앞 식당이 맛있어요"))
                .containsExactly("안녕하세요.", "오늘 날씨가 정말 좋네요!", "제 전화번호는 555 1234 입니다.", "학교 앞 식당이 맛있어요");
    }

    @Property(tries = 300)
    void spansAreOrderedDisjointTrimmedAndKeepEveryLetter(@ForAll @StringLength(max = 200) String raw) {
        String text = raw.replaceAll("[^a-zA-Záðþæö.!? \\n]", " ");
        var spans = new SentenceSplitter("is").split(text);
        int prevEnd = 0;
        StringBuilder letters = new StringBuilder();
        for (var s : spans) {
            assertThat(s.start()).isGreaterThanOrEqualTo(prevEnd);
            assertThat(s.end()).isGreaterThan(s.start());
            assertThat(Character.isWhitespace(text.charAt(s.start()))).isFalse();
            assertThat(Character.isWhitespace(text.charAt(s.end() - 1))).isFalse();
            letters.append(text, s.start(), s.end());
            prevEnd = s.end();
        }
        assertThat(letters.toString().replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }
}
