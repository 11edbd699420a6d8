package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A timestamp at the start of a .txt line was read as a bracketed speaker label ("[00:00:00]"): every line its own
 * speaker, and "Anna:" left in the words. It is dropped before the label is read.
 */
class LineTimestampsTest {
    private final TranscriptReader reader = new TranscriptReader();

    @TempDir
    Path dir;

    @Test
    void bracketedTimestampsBeforeSpeakerLabelsAreDroppedAndNotedOnce() throws Exception {
        String text = "[00:00:00] Anna: Því er dýralífið aðallega bundið við ströndina.\n"
                + "[00:00:05] Jón: Í anda byltingarinnar var kerfið samræmt.\n"
                + "[0:01:02.5] Anna: Af nögurum er einn upprunalegur meðlimur.\n";
        Path f = Files.writeString(dir.resolve("stamps.txt"), text);

        Transcript t = reader.read(f);

        assertThat(t.format()).isEqualTo("turns");
        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("anna", "jón", "anna");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Því er dýralífið aðallega bundið við ströndina.",
                "Í anda byltingarinnar var kerfið samræmt.", "Af nögurum er einn upprunalegur meðlimur.");
        assertThat(t.notes()).filteredOn(n -> n.contains("timestamp")).singleElement().asString()
                .startsWith("3 line(s) start with a timestamp ([00:00:00])");
        // offsets still point at the delivered characters
        for (TextUnit u : reader.units(t, "is")) assertThat(text.substring(u.charStart(), u.charEnd())).isEqualTo(u.text());
    }

    @Test
    void bareTimestampsGoToo() throws Exception {
        Path f = Files.writeString(dir.resolve("bare.txt"), "00:01:02 Guðrún: Góðan daginn.\n00:01:09 Þórður: Takk fyrir.\n"
                + "Ég er ánægður.\n");

        Transcript t = reader.read(f);

        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("guðrún", "þórður", "þórður");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Góðan daginn.", "Takk fyrir.", "Ég er ánægður.");
        assertThat(t.notes()).anyMatch(n -> n.startsWith("2 line(s) start with a timestamp (00:01:02)"));
    }

    @Test
    void aBracketedNameIsStillALabelAndTextWithoutTimestampsHasNoNote() throws Exception {
        Path f = Files.writeString(dir.resolve("names.txt"), "[Anna] Halló.\n[Jón] Sæl, klukkan er 10:30:00 núna.\n");

        Transcript t = reader.read(f);

        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("anna", "jón");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Halló.", "Sæl, klukkan er 10:30:00 núna.");
        assertThat(t.notes()).noneMatch(n -> n.contains("timestamp"));
        assertThat(List.of(t.format())).containsExactly("turns");
    }
}
