package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranscriptReaderTest {
    private final TranscriptReader reader = new TranscriptReader();

    @TempDir
    Path dir;

    @Test
    void readsSpeakerTurnsWithIcelandicNamesAndContinuationLines() throws Exception {
        String text = "Guðrún Ósk: Góðan daginn. Velkomin.\nÞórður: Takk fyrir.\nÉg er ánægður.\n\nGuðrún Ósk: Gott.\n";
        Path f = Files.writeString(dir.resolve("t.txt"), text);
        Transcript t = reader.read(f);
        assertThat(t.format()).isEqualTo("turns");
        assertThat(t.turns()).extracting(turn -> turn.speaker())
                .containsExactly("guðrún-ósk", "þórður", "þórður", "guðrún-ósk");
        List<TextUnit> units = reader.units(t, "is");
        assertThat(units).extracting(TextUnit::text)
                .containsExactly("Góðan daginn.", "Velkomin.", "Takk fyrir.", "Ég er ánægður.", "Gott.");
        // offsets point at the delivered characters
        for (TextUnit u : units) assertThat(text.substring(u.charStart(), u.charEnd())).isEqualTo(u.text());
    }

    @Test
    void readsPlainTextAsParagraphs() throws Exception {
        String text = "Fyrsta málsgrein. Hún er stutt.\n\nÖnnur málsgrein\nheldur áfram hér.\n";
        Transcript t = reader.read(Files.writeString(dir.resolve("p.txt"), text));
        assertThat(t.format()).isEqualTo("plain");
        assertThat(t.turns()).hasSize(2).allSatisfy(turn -> assertThat(turn.speaker()).isNull());
        assertThat(reader.units(t, "is")).extracting(TextUnit::text)
                .containsExactly("Fyrsta málsgrein.", "Hún er stutt.", "Önnur málsgrein heldur áfram hér.");
    }

    @Test
    void handlesBomCrlfUtf16AndLatin1() throws Exception {
        String text = "Anna: Halló þið.\r\nBjörn: Sæl.\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        for (byte[] bytes : List.of(withBom, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE),
                ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE), text.getBytes(Charset.forName("windows-1252")))) {
            Path f = Files.write(dir.resolve("enc.txt"), bytes);
            Transcript t = reader.read(f);
            assertThat(reader.units(t, "is")).extracting(TextUnit::text).containsExactly("Halló þið.", "Sæl.");
            assertThat(t.turns()).extracting(turn -> turn.speaker()).containsExactly("anna", "björn");
        }
        Transcript latin = reader.read(Files.write(dir.resolve("l.txt"), text.getBytes(Charset.forName("windows-1252"))));
        assertThat(latin.notes()).anyMatch(n -> n.contains("Windows-1252"));
    }

    @Test
    void refusesBinaryAndEmptyFilesNamingThem() throws Exception {
        Path bin = Files.write(dir.resolve("bin.txt"), new byte[]{'a', 'b', 0, 1, 2, 3});
        assertThatThrownBy(() -> reader.read(bin)).hasMessageContaining(bin.toString()).hasMessageContaining("not a text file")
                .hasMessageContaining("offset 2");
        Path empty = Files.writeString(dir.resolve("e.txt"), "  \n\n");
        assertThatThrownBy(() -> reader.read(empty)).hasMessageContaining(empty.toString()).hasMessageContaining("no text");
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[]{'a', (byte) 0x81, (byte) 0xC3, 'b'});
        assertThatThrownBy(() -> reader.read(bad)).hasMessageContaining("not valid UTF-8").hasMessageContaining("offset 1");
    }
}
