package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 8-bit transcripts: the code page is chosen by the language and by which reading gives words. */
class TextDecoderTest {
    private static final String POLISH = "Anna: Zażółć gęślą jaźń. Pójdźże, kiń tę chmurność w głąb flaszy!\n"
            + "Łukasz: Źle się dzieje, ale już wiem, że śnieg spadł.\n";
    private static final String ICELANDIC = "Guðrún: Þórður ætlar að fá sér kaffi í dag.\nÞórður: Já, það er gott.\n";

    @TempDir
    Path dir;

    private Path write(String name, String text, String charset) throws Exception {
        return Files.write(dir.resolve(name), text.getBytes(Charset.forName(charset)));
    }

    @Test
    void aPolishWindows1250FileIsReadAsPolishWithOrWithoutItsLanguage() throws Exception {
        Path f = write("pl.txt", POLISH, "windows-1250");
        for (String lang : new String[]{"pl", null}) {
            Transcript t = new TranscriptReader().read(f, lang);
            assertThat(new TranscriptReader().units(t, "pl")).extracting(TextUnit::text).startsWith("Zażółć gęślą jaźń.")
                    .contains("Źle się dzieje, ale już wiem, że śnieg spadł.");
            assertThat(t.turns()).extracting(turn -> turn.speaker()).containsExactly("anna", "łukasz");
            assertThat(t.notes()).anySatisfy(n -> assertThat(n).contains("Windows-1250"));
        }
        // the same words in ISO-8859-2, whose ą, ś and ź sit elsewhere
        Transcript iso = new TranscriptReader().read(write("pl-iso.txt", POLISH, "ISO-8859-2"), "pl");
        assertThat(iso.turns().get(0).text()).isEqualTo("Zażółć gęślą jaźń. Pójdźże, kiń tę chmurność w głąb flaszy!");
        assertThat(iso.notes()).anySatisfy(n -> assertThat(n).contains("ISO-8859-2"));
    }

    @Test
    void anIcelandicWindows1252FileIsReadAsIcelandic() throws Exception {
        Path f = write("is.txt", ICELANDIC, "windows-1252");
        Transcript t = new TranscriptReader().read(f, "is");
        assertThat(t.turns().get(0).text()).isEqualTo("Þórður ætlar að fá sér kaffi í dag.");
        assertThat(t.turns()).extracting(turn -> turn.speaker()).containsExactly("guðrún", "þórður");
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).contains("Windows-1252").contains("for is"));
        // Windows-1250 reads the same bytes as letters too (Ţórđur); without a language the common code page wins
        Transcript unknown = new TranscriptReader().read(f);
        assertThat(unknown.turns().get(0).text()).isEqualTo("Þórður ætlar að fá sér kaffi í dag.");
        assertThat(unknown.notes()).anySatisfy(n -> assertThat(n).contains("most common").contains("--encoding"));
        // named wrongly, the reading is kept (the user decides) with a warning that another reads it as Icelandic
        Transcript wrong = new TranscriptReader(null, "windows-1250").read(f, "is");
        assertThat(wrong.turns().get(0).text()).startsWith("Ţórđur");
        assertThat(wrong.notes()).anySatisfy(n -> assertThat(n).contains("--encoding windows-1250 reads letters is does not use")
                .contains("(\"Guđrún:\")").contains("Windows-1252 reads them as is (\"Guðrún:\")").contains("check --encoding"));
        // named rightly: no such line
        assertThat(new TranscriptReader(null, "windows-1252").read(f, "is").notes()).noneMatch(n -> n.contains("check --encoding"));
    }

    @Test
    void anAmbiguousFileIsRefusedWithTheCandidatesAndEncodingDecides() throws Exception {
        // a Serbian name in Windows-1250: letters in three code pages, none of them English ones
        Path f = write("names.txt", "Speaker: We met Đorđe in Niš today.\n", "windows-1250");
        assertThatThrownBy(() -> new TranscriptReader().read(f, "en"))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("windows-1252 (\"Ðorðe\")")
                .hasMessageContaining("windows-1250 (\"Đorđe\")")
                .hasMessageContaining("--encoding");
        Transcript forced = new TranscriptReader(null, "windows-1250").read(f, "en");
        assertThat(forced.turns().get(0).text()).isEqualTo("We met Đorđe in Niš today.");
        assertThat(forced.notes()).anySatisfy(n -> assertThat(n).contains("windows-1250 (--encoding)"));
        // UTF-8 stays UTF-8 whatever --encoding says
        Path utf8 = Files.writeString(dir.resolve("u.txt"), "Speaker: Đorđe.\n");
        assertThat(new TranscriptReader(null, "windows-1250").read(utf8, "en").turns().get(0).text()).isEqualTo("Đorđe.");
    }
}
