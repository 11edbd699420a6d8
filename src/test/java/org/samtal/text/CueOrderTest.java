package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Subtitle cues out of time order lost a sentence in alignment: they are sorted by start time, and noted. */
class CueOrderTest {
    private final TranscriptReader reader = new TranscriptReader();

    @TempDir
    Path dir;

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
