package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tables of transcripts as partners have them: recognised headers, guessed ones, a mapping, and their problems. */
class TranscriptTableTest {
    @TempDir
    Path dir;

    private void touch(String... files) throws IOException {
        for (String f : files) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[]{1});
        }
    }

    @Test
    void readsSamromursMetadataAsItIs() throws IOException {
        touch("clips/000004-0000021.flac");
        Path t = dir.resolve("metadata.tsv");
        Files.writeString(t, "id\tspeaker_id\tfilename\tsentence\tsentence_norm\tgender\tage\tnative_language\tduration\n"
                + "0000021\t000004\t000004-0000021.flac\tÞar kemur ýmislegt fram.\tþar kemur ýmislegt fram\tfemale\t20-29\tNAN\t4.14\n");

        TranscriptTable table = TranscriptTable.read(t, Map.of());

        assertThat(table.shape()).isEqualTo("samromur");
        assertThat(table.describeColumns()).isEqualTo("file=filename, text=sentence, speaker=speaker_id, gender=gender, age=age");
        TranscriptTable.Clip c = table.clips().get(0);
        assertThat(c.audio()).isEqualTo(dir.resolve("clips/000004-0000021.flac").toAbsolutePath().normalize());
        assertThat(c.text()).isEqualTo("Þar kemur ýmislegt fram.");
        assertThat(c.speaker()).isEqualTo("000004");
        assertThat(c.gender()).isEqualTo("f");
        assertThat(c.age()).isEqualTo("20-29");
    }

    @Test
    void aTableNamedThroughDotDotOrDotFindsItsClips() throws IOException {
        // `samtal build ../shared/realspeech/is-samromur-dev` found none of its 117 clips: the table's folder kept the
        // "..", and a clip's normalised path never starts with it
        touch("set/clips/000004-0000021.flac", "other/x");
        Path t = dir.resolve("set/metadata.tsv");
        Files.writeString(t, "id\tspeaker_id\tfilename\tsentence\tsentence_norm\tgender\tage\tnative_language\tduration\n"
                + "0000021\t000004\t000004-0000021.flac\tÞar kemur ýmislegt fram.\tþar kemur ýmislegt fram\tfemale\t20-29\tNAN\t4.14\n");
        for (Path via : java.util.List.of(dir.resolve("other/../set/metadata.tsv"), dir.resolve("set/./metadata.tsv"))) {
            TranscriptTable table = TranscriptTable.read(via, Map.of());
            assertThat(table.problems()).isEmpty();
            assertThat(table.clips()).singleElement().extracting(TranscriptTable.Clip::audio)
                    .isEqualTo(dir.resolve("set/clips/000004-0000021.flac").toAbsolutePath().normalize());
        }
    }

    @Test
    void readsCommonVoiceWithItsClipsFolderAccentsAndLocale() throws IOException {
        touch("clips/common_voice_is_1.mp3");
        Path t = dir.resolve("validated.tsv");
        Files.writeString(t, "client_id\tpath\tsentence_id\tsentence\tsentence_domain\tup_votes\tdown_votes\tage\tgender\t"
                + "accents\tvariant\tlocale\tsegment\n"
                + "abc123\tcommon_voice_is_1.mp3\t9\t\"Halló\" sagði hún.\t\t2\t0\tthirties\tmale_masculine\tnorðlenska\t\tis\t\n");

        TranscriptTable table = TranscriptTable.read(t, Map.of());

        assertThat(table.shape()).isEqualTo("common_voice");
        assertThat(table.columns()).containsEntry("speaker", "client_id").containsEntry("dialect", "accents")
                .containsEntry("language", "locale");
        TranscriptTable.Clip c = table.clips().get(0);
        // a TSV does not quote: the quotes are the sentence's own
        assertThat(c.text()).isEqualTo("\"Halló\" sagði hún.");
        assertThat(c.gender()).isEqualTo("m");
        assertThat(c.dialect()).isEqualTo("norðlenska");
        assertThat(c.language()).isEqualTo("is");
    }

    @Test
    void readsLjSpeechWithoutHeaderAndKeepsCommasInTheText() throws IOException {
        touch("wavs/LJ001-0001.wav", "wavs/LJ001-0002.wav");
        Path t = dir.resolve("metadata.csv");
        Files.writeString(t, "LJ001-0001|Printing, in the only sense with which we are at present concerned, differs.|Printing, in the only sense\n"
                + "LJ001-0002|in being comparatively modern.|in being comparatively modern.\n");

        TranscriptTable table = TranscriptTable.read(t, Map.of());

        assertThat(table.shape()).isEqualTo("ljspeech");
        assertThat(table.describeColumns()).isEqualTo("file=column 1, text=column 2");
        assertThat(table.clips()).extracting(TranscriptTable.Clip::text).containsExactly(
                "Printing, in the only sense with which we are at present concerned, differs.", "in being comparatively modern.");
        assertThat(table.clips().get(1).audio().getFileName().toString()).isEqualTo("LJ001-0002.wav");
    }

    @Test
    void guessesASpreadsheetExportsHeaderAndReadsQuotedCells() throws IOException {
        touch("audio/a.wav");
        Path t = dir.resolve("export.csv");
        Files.writeString(t, "Audio_File,Transcription,Speaker,Sex\n\"audio/a.wav\",\"Já, það er rétt.\",Guðrún,F\n");

        TranscriptTable table = TranscriptTable.read(t, Map.of());

        assertThat(table.shape()).isEqualTo("guessed");
        assertThat(table.describeColumns()).isEqualTo("file=Audio_File, text=Transcription, speaker=Speaker, gender=Sex");
        assertThat(table.clips().get(0).text()).isEqualTo("Já, það er rétt.");
        assertThat(table.clips().get(0).gender()).isEqualTo("f");
    }

    @Test
    void aMappingNamesColumnsNoGuessFinds() throws IOException {
        touch("x.flac");
        Path t = dir.resolve("skrá.tsv");
        Files.writeString(t, "hljóðskrá\ttexti\tmælandi\nx.flac\tGóðan dag.\tjón\n");
        assertThat(TranscriptTable.read(t, Map.of())).as("nothing to guess from").isNull();

        TranscriptTable table = TranscriptTable.read(t, TranscriptTable.parseMapping("file=hljóðskrá,text=texti,speaker=mælandi"));

        assertThat(table.shape()).isEqualTo("mapped");
        assertThat(table.clips().get(0).speaker()).isEqualTo("jón");
        assertThatThrownBy(() -> TranscriptTable.read(t, Map.of("file", "skrá", "text", "texti")))
                .hasMessageContaining("has no column 'skrá'").hasMessageContaining("[hljóðskrá, texti, mælandi]");
        assertThatThrownBy(() -> TranscriptTable.parseMapping("file=a,words=b")).hasMessageContaining("unknown role 'words'");
        assertThatThrownBy(() -> TranscriptTable.parseMapping("file")).hasMessageContaining("is not role=column");
    }

    @Test
    void rowsWithoutAClipOrTextAreProblemsNamingTheLine() throws IOException {
        touch("a.wav", "b.wav");
        Path t = dir.resolve("metadata.tsv");
        Files.writeString(t, "file\ttext\na.wav\tEin setning.\nmissing.wav\tÖnnur.\nb.wav\t\n");

        TranscriptTable table = TranscriptTable.read(t, Map.of());

        assertThat(table.clips()).hasSize(1);
        assertThat(table.problems()).hasSize(2);
        assertThat(table.problems().get(0)).contains("line 3").contains("missing.wav not found").contains("remove the row");
        assertThat(table.problems().get(1)).contains("line 4").contains("b.wav has no text");
    }

    @Test
    void intakePairsTheClipsOfATableAndLeavesOutWhatItDoesNotList() throws IOException {
        touch("clips/a.mp3", "clips/b.mp3", "clips/unlisted.mp3");
        Files.writeString(dir.resolve("validated.tsv"), "client_id\tpath\tsentence\nu1\ta.mp3\tFyrsta.\nu1\tb.mp3\tÖnnur.\n");
        Files.writeString(dir.resolve("invalidated.tsv"), "client_id\tpath\tsentence\nu2\tunlisted.mp3\tRöng.\n");

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).extracting(w -> w.media().getFileName().toString()).containsExactly("a.mp3", "b.mp3");
        assertThat(r.items()).allSatisfy(w -> assertThat(w.listed().shape()).isEqualTo("common_voice"));
        assertThat(r.items().get(1).listed().text()).isEqualTo("Önnur.");
        assertThat(r.ignored()).anySatisfy(g -> {
            assertThat(g.file().getFileName().toString()).isEqualTo("unlisted.mp3");
            assertThat(g.reason()).contains("not listed in validated.tsv");
        });
        assertThat(r.ignored()).anySatisfy(g -> assertThat(g.file().getFileName().toString()).isEqualTo("invalidated.tsv"));
    }

    @Test
    void aTableNamedByOptionPairsClipsAnywhereBesideIt() throws IOException {
        touch("rec/one.wav");
        Path t = dir.resolve("rec/list.csv");
        Files.writeString(t, "wav,text\none.wav,Halló.\n");
        Path other = dir.resolve("notes.tsv");
        Files.writeString(other, "nothing\there\n");

        IntakeResult r = new Intake(t, Map.of()).scan(List.of(dir), null);

        assertThat(r.items()).singleElement().satisfies(w -> assertThat(w.listed().text()).isEqualTo("Halló."));
        assertThat(r.ignored()).anySatisfy(g -> assertThat(g.reason()).contains("--table-columns"));
        Path bad = dir.resolve("rec/bad.csv");
        Files.writeString(bad, "a,b\n1,2\n");
        assertThatThrownBy(() -> new Intake(bad, Map.of()).scan(List.of(dir), null))
                .hasMessageContaining("bad.csv").hasMessageContaining("--table-columns file=COLUMN,text=COLUMN");
    }

    @Test
    void aSubmissionMayPointToATableWithItsColumns() throws IOException {
        touch("hljóð/a.wav");
        Files.writeString(dir.resolve("listi.tsv"), "hljóðskrá\ttexti\tkyn\nhljóð/a.wav\tGóðan dag.\tkona\n");
        Files.writeString(dir.resolve("submission.json"), """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Allir lesarar samþykktu birtingu.", "table": "listi.tsv",
                 "table_columns": {"file": "hljóðskrá", "text": "texti", "gender": "kyn"}}
                """);

        assertThat(new SubmissionReader().validate(dir)).isEmpty();
        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).singleElement().satisfies(w -> {
            assertThat(w.listed().shape()).isEqualTo("mapped");
            assertThat(w.listed().text()).isEqualTo("Góðan dag.");
            assertThat(w.listed().gender()).isEqualTo("f");
            assertThat(w.delivery().partner()).isEqualTo("ruv");
            assertThat(w.delivery().language()).isEqualTo("is");
        });

        Files.writeString(dir.resolve("submission.json"), Files.readString(dir.resolve("submission.json"))
                .replace("\"listi.tsv\"", "\"../listi.tsv\""));
        assertThat(new SubmissionReader().validate(dir)).anySatisfy(p -> assertThat(p.toString()).contains("table"));
    }
}
