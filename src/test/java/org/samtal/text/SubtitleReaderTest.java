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

    // Subtitle cues out of time order lost a sentence in alignment: they are sorted by start time, and noted.

    @Test
    void srtCuesAreSortedByStartTimeAndTheNotesSaySo() throws Exception {
        String srt = "1\n00:00:00,000 --> 00:00:05,340\nMarkús, hvernig er veðrið í dag?\n\n"
                + "2\n00:00:09,080 --> 00:00:16,820\nErfðaefni bræðranna er samt ekki eins.\n\n"
                + "3\n00:00:04,540 --> 00:00:09,880\nÞetta fyrirbæri kallast alspeglun.\n\n"
                + "4\n00:00:16,020 --> 00:00:23,160\nNúverandi hraðamet var þó ekki formlega sett.\n";
        Path f = Files.writeString(dir.resolve("srt.srt"), srt);

        Transcript t = reader.read(f);

        assertThat(t.turns()).extracting(Turn::start).containsExactly(0.0, 4.54, 9.08, 16.02);
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Markús, hvernig er veðrið í dag?",
                "Þetta fyrirbæri kallast alspeglun.", "Erfðaefni bræðranna er samt ekki eins.",
                "Núverandi hraðamet var þó ekki formlega sett.");
        // each turn's offset still points at its own cue's text
        for (Turn turn : t.turns()) assertThat(srt.substring(turn.offset())).startsWith(turn.text());
        assertThat(t.notes()).contains("1 cue(s) were out of order (starting before a cue above them) and were sorted by start time");
        // in time order, the cues overlapping the one before are those that overlap in time, not the moved one
        assertThat(t.notes()).contains("3 cue(s) overlap the one before (overlapping speech)");
    }

    @Test
    void vttCuesOfOneStartKeepTheirOrderAndCuesInOrderGetNoNote() throws Exception {
        Path f = Files.writeString(dir.resolve("v.vtt"), "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nÞriðja.\n\n"
                + "00:00:01.000 --> 00:00:02.000\n<v Anna>Fyrsta.\n\n00:00:01.000 --> 00:00:02.500\n<v Jón>Önnur.\n");
        Transcript t = reader.read(f);
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Fyrsta.", "Önnur.", "Þriðja.");
        assertThat(t.notes()).contains("2 cue(s) were out of order (starting before a cue above them) and were sorted by start time");

        Path inOrder = Files.writeString(dir.resolve("ok.vtt"), "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nEin.\n\n"
                + "00:00:03.000 --> 00:00:04.000\nTvær.\n");
        assertThat(reader.read(inOrder).notes()).noneMatch(n -> n.contains("out of order"));
    }
}
