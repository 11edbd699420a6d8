package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** TextGrid (long and short), ELAN, JSON turns, bracketed and dashed speaker turns, and sniffing by content. */
class MoreFormatsTest {
    private final TranscriptReader reader = new TranscriptReader();

    @TempDir
    Path dir;

    static final String LONG = """
            File type = "ooTextFile"
            Object class = "TextGrid"

            xmin = 0
            xmax = 5.5
            tiers? <exists>
            size = 2
            item []:
                item [1]:
                    class = "IntervalTier"
                    name = "Þórður"
                    xmin = 0
                    xmax = 5.5
                    intervals: size = 3
                    intervals [1]:
                        xmin = 0
                        xmax = 1.2
                        text = ""
                    intervals [2]:
                        xmin = 1.2
                        xmax = 3.0
                        text = "Hann sagði ""já"" [1] strax."
                    intervals [3]:
                        xmin = 3.0
                        xmax = 5.5
                        text = ""
                item [2]:
                    class = "TextTier"
                    name = "events"
                    xmin = 0
                    xmax = 5.5
                    points: size = 1
                    points [1]:
                        number = 2.5
                        mark = "klapp"
            """;

    @Test
    void readsLongAndShortTextGrids() throws Exception {
        Transcript t = reader.read(Files.writeString(dir.resolve("a.TextGrid"), LONG));
        assertThat(t.format()).isEqualTo("textgrid");
        assertThat(t.turns()).hasSize(1);
        Turn turn = t.turns().get(0);
        assertThat(turn.speaker()).isEqualTo("þórður");
        assertThat(turn.text()).isEqualTo("Hann sagði \"já\" [1] strax.");
        assertThat(turn.start()).isCloseTo(1.2, within(1e-9));
        assertThat(turn.end()).isCloseTo(3.0, within(1e-9));
        assertThat(t.notes()).anyMatch(n -> n.contains("TextTier"));

        String shortFormat = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n0\n4\n<exists>\n1\n\"IntervalTier\"\n"
                + "\"Anna\"\n0\n4\n2\n0\n2.5\n\"Góðan dag.\"\n2.5\n4\n\"\"\n";
        // UTF-16 with BOM, as Praat writes files with non-ASCII letters
        byte[] utf16 = ("\uFEFF" + shortFormat).getBytes(StandardCharsets.UTF_16BE);
        Transcript s = reader.read(Files.write(dir.resolve("b.TextGrid"), utf16));
        assertThat(s.turns()).extracting(Turn::text).containsExactly("Góðan dag.");
        assertThat(s.turns().get(0).end()).isCloseTo(2.5, within(1e-9));

        // a tier with only empty intervals holds pauses and no turns
        String emptyTier = shortFormat.replace("\n1\n\"IntervalTier\"", "\n2\n\"IntervalTier\"")
                + "\"IntervalTier\"\n\"Björn\"\n0\n4\n1\n0\n4\n\"\"\n";
        Transcript e = reader.read(Files.writeString(dir.resolve("c.TextGrid"), emptyTier));
        assertThat(e.turns()).extracting(Turn::speaker).containsExactly("anna");
    }

    @Test
    void readsElanTopTiersAndSkipsDependentOnes() throws Exception {
        String eaf = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ANNOTATION_DOCUMENT AUTHOR="" FORMAT="3.0" VERSION="3.0">
                  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
                  <TIME_ORDER>
                    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="500"/>
                    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2250"/>
                    <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="2600"/>
                    <TIME_SLOT TIME_SLOT_ID="ts4"/>
                  </TIME_ORDER>
                  <TIER TIER_ID="Guðrún-tal" PARTICIPANT="Guðrún" LINGUISTIC_TYPE_REF="default">
                    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                      <ANNOTATION_VALUE>Komdu sæll.</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                      <ANNOTATION_VALUE>Án tíma.</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                  </TIER>
                  <TIER TIER_ID="þýðing" PARENT_REF="Guðrún-tal" LINGUISTIC_TYPE_REF="translation">
                    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a1">
                      <ANNOTATION_VALUE>Hello.</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
                  </TIER>
                </ANNOTATION_DOCUMENT>
                """;
        Path f = Files.writeString(dir.resolve("c.eaf"), eaf);
        Transcript t = reader.read(f);
        assertThat(t.format()).isEqualTo("elan");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Komdu sæll.");
        assertThat(t.turns().get(0).speaker()).isEqualTo("guðrún");
        assertThat(t.turns().get(0).start()).isCloseTo(0.5, within(1e-9));
        assertThat(t.notes()).anyMatch(n -> n.contains("þýðing")).anyMatch(n -> n.contains("without time values"));
        assertThat(eaf.substring(t.turns().get(0).offset())).startsWith("ANNOTATION_ID=\"a1\"");
    }

    @Test
    void readsJsonTurnsWithOffsets() throws Exception {
        String json = "[{\"speaker\": \"Anna\", \"text\": \"Halló.\", \"start\": 0.5, \"end\": 1.5},\n"
                + " {\"speaker\": \"Björn\", \"text\": \"Sæl.\", \"start\": 2, \"end\": 2.8}]";
        Transcript t = reader.read(Files.writeString(dir.resolve("d.json"), json));
        assertThat(t.format()).isEqualTo("json");
        assertThat(t.timed()).isTrue();
        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("anna", "björn");
        for (Turn turn : t.turns()) assertThat(json.substring(turn.offset())).startsWith(turn.text());
        Path bad = Files.writeString(dir.resolve("e.json"), "[{\"speaker\": \"Anna\"}]");
        assertThatThrownBy(() -> reader.read(bad)).hasMessageContaining(bad.toString()).hasMessageContaining("without \"text\"");
    }

    @Test
    void readsBracketedAndDashedTurns() throws Exception {
        Transcript b = reader.read(Files.writeString(dir.resolve("f.txt"), "[Anna] Halló.\n[Björn] Sæl.\nHvað segirðu?\n"));
        assertThat(b.turns()).extracting(Turn::speaker).containsExactly("anna", "björn", "björn");
        Transcript d = reader.read(Files.writeString(dir.resolve("g.txt"), "- Halló.\n- Sæl.\n- Hvað segirðu?\n"));
        assertThat(d.turns()).extracting(Turn::speaker).containsExactly("speaker-1", "speaker-2", "speaker-1");
        assertThat(d.turns()).extracting(Turn::text).containsExactly("Halló.", "Sæl.", "Hvað segirðu?");
    }

    @Test
    void sniffsTheFormatFromTheContentOfAMisnamedFile() throws Exception {
        Path vttAsTxt = Files.writeString(dir.resolve("h.txt"), "WEBVTT\n\n00:01.000 --> 00:02.000\nHæ.\n");
        assertThat(reader.read(vttAsTxt).format()).isEqualTo("webvtt");
        Path srtAsTxt = Files.writeString(dir.resolve("i.txt"), "1\n00:00:01,000 --> 00:00:02,000\nHæ.\n");
        assertThat(reader.read(srtAsTxt).format()).isEqualTo("srt");
        assertThat(new TranscriptReader("txt").read(srtAsTxt).format()).isNotEqualTo("srt");
    }

    @Test
    void checksTheLanguageOfEachTurn() {
        LanguageCheck check = new LanguageCheck(LanguageCheck.DEFAULT, "is");
        LanguageCheck.Detected icelandic = check.detect("Við þurfum að lesa fyrir börnin okkar á hverju kvöldi.");
        assertThat(icelandic.language()).isEqualTo("is");
        assertThat(LanguageCheck.mismatch(icelandic, "is")).isFalse();
        LanguageCheck.Detected english = check.detect("We need to read to our children every single evening.");
        assertThat(english.language()).isEqualTo("en");
        assertThat(LanguageCheck.mismatch(english, "is")).isTrue();
        assertThat(check.detect("Já.")).isNull(); // too short to judge
    }
}
