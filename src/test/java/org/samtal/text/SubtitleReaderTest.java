package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SubtitleReaderTest {
    private final TranscriptReader reader = new TranscriptReader();

    @TempDir
    Path dir;

    @Test
    void readsSubRipWithSpeakersTagsCrlfAndOverlaps() throws Exception {
        String srt = "1\r\n00:00:01,000 --> 00:00:03,500\r\nGuðrún: <i>Góðan daginn.</i>\r\nVelkomin.\r\n\r\n"
                + "2\r\n00:00:03,200 --> 00:00:05,000\r\n{\\an8}Þórður: Takk fyrir.\r\n\r\n";
        Transcript t = reader.read(Files.writeString(dir.resolve("a.srt"), srt));
        assertThat(t.format()).isEqualTo("srt");
        assertThat(t.timed()).isTrue();
        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("guðrún", "þórður");
        assertThat(t.turns().get(0).text()).isEqualTo("Góðan daginn.\nVelkomin.");
        assertThat(t.turns().get(0).start()).isCloseTo(1.0, within(1e-9));
        assertThat(t.turns().get(1).end()).isCloseTo(5.0, within(1e-9));
        assertThat(t.notes()).anyMatch(n -> n.contains("overlap"));
        assertThat(reader.units(t, "is")).extracting(u -> u.text()).containsExactly("Góðan daginn.", "Velkomin.", "Takk fyrir.");
    }

    @Test
    void readsWebVttWithVoicesNotesAndCueSettings() throws Exception {
        String vtt = "WEBVTT - viðtal\n\nNOTE unnið af Ríkisútvarpinu\n\nSTYLE\n::cue { color: yellow }\n\n"
                + "intro\n01:02.500 --> 01:04.000 align:start position:10%\n<v Anna Jóna>Halló <b>þið</b>.</v>\n\n"
                + "00:01:05.000 --> 00:01:06.250\n<v.loud Björn>Sæl.\n";
        Transcript t = reader.read(Files.writeString(dir.resolve("b.vtt"), vtt));
        assertThat(t.format()).isEqualTo("webvtt");
        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("anna-jóna", "björn");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Halló þið.", "Sæl.");
        assertThat(t.turns().get(0).start()).isCloseTo(62.5, within(1e-9));
        assertThat(t.turns().get(1).end()).isCloseTo(66.25, within(1e-9));
    }

    @Test
    void refusesBrokenSubtitlesNamingTheLine() throws Exception {
        Path noHeader = Files.writeString(dir.resolve("c.vtt"), "00:01.000 --> 00:02.000\nHæ\n");
        assertThatThrownBy(() -> reader.read(noHeader)).hasMessageContaining(noHeader.toString()).hasMessageContaining("WEBVTT");
        Path noTiming = Files.writeString(dir.resolve("d.srt"), "1\n00:00:01 -> 00:00:02\nHæ\n");
        assertThatThrownBy(() -> reader.read(noTiming)).hasMessageContaining("no cue timing at line 1");
        Path backwards = Files.writeString(dir.resolve("e.srt"), "1\n00:00:05,000 --> 00:00:02,000\nHæ\n");
        assertThatThrownBy(() -> reader.read(backwards)).hasMessageContaining("ending before it starts");
    }
}
