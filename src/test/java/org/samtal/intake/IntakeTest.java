package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeTest {
    @TempDir
    Path dir;

    @Test
    void pairsRecordingsWithTranscriptsOfTheSameStem() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.mp4"), "x");
        Files.writeString(dir.resolve("a.txt"), "x");
        Files.writeString(dir.resolve("sub/b.wav"), "x");
        Files.writeString(dir.resolve("sub/b.txt"), "x");
        Files.writeString(dir.resolve("c.ogg"), "x");
        Files.writeString(dir.resolve("lonely.txt"), "x");
        Files.writeString(dir.resolve("notes.docx"), "x");
        IntakeResult r = new Intake().scan(List.of(dir), null);
        assertThat(r.items()).extracting(w -> dir.relativize(w.media()).toString()).containsExactly("a.mp4", "c.ogg", "sub/b.wav");
        assertThat(r.items().get(0).transcript()).isEqualTo(dir.resolve("a.txt"));
        assertThat(r.items().get(1).transcript()).isNull();
        assertThat(r.ignored()).extracting(i -> i.file().getFileName().toString()).containsExactlyInAnyOrder("lonely.txt", "notes.docx");
    }

    @Test
    void upperAndMixedCaseExtensionsPairLikeLowerCaseOnes() throws Exception {
        Files.writeString(dir.resolve("Talk.WAV"), "x");
        Files.writeString(dir.resolve("Talk.SRT"), "x");
        Files.writeString(dir.resolve("grid.Mp3"), "x");
        Files.writeString(dir.resolve("grid.TextGrid"), "x");
        Files.writeString(dir.resolve("grid.TXT"), "x");
        Files.writeString(dir.resolve("show.mp4"), "x");
        Files.writeString(dir.resolve("show.Vtt"), "x");
        Files.writeString(dir.resolve("Lonely.SRT"), "x");
        IntakeResult r = new Intake().scan(List.of(dir), null);
        assertThat(r.items()).extracting(w -> w.media().getFileName().toString(), w -> w.transcript().getFileName().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Talk.WAV", "Talk.SRT"),
                        org.assertj.core.groups.Tuple.tuple("grid.Mp3", "grid.TextGrid"),
                        org.assertj.core.groups.Tuple.tuple("show.mp4", "show.Vtt"));
        assertThat(r.ignored()).extracting(i -> i.file().getFileName().toString(), IntakeResult.Ignored::reason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Lonely.SRT", Intake.NO_RECORDING),
                        org.assertj.core.groups.Tuple.tuple("grid.TXT", "another transcript of grid.Mp3 was used: grid.TextGrid"
                                + " (timed formats first: .eaf, .TextGrid, .vtt, .srt, .json, .txt)"));
        // a transcript named on the command line without its recording is listed too
        IntakeResult named = new Intake().scan(List.of(dir.resolve("Talk.WAV"), dir.resolve("Lonely.SRT")), null);
        assertThat(named.items()).hasSize(1);
        assertThat(named.ignored()).extracting(IntakeResult.Ignored::file, IntakeResult.Ignored::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(dir.resolve("Lonely.SRT"), Intake.NO_RECORDING));
    }

    @Test
    void aTranscriptOptionNeedsExactlyOneRecording() throws Exception {
        Files.writeString(dir.resolve("a.mp4"), "x");
        Files.writeString(dir.resolve("b.mp4"), "x");
        Path t = Files.writeString(dir.resolve("words.txt"), "x");
        assertThatThrownBy(() -> new Intake().scan(List.of(dir), t)).hasMessageContaining("2 recordings");
        IntakeResult one = new Intake().scan(List.of(dir.resolve("a.mp4")), t);
        assertThat(one.items().get(0).transcript()).isEqualTo(t);
    }

    @Test
    void recordingIdsAreStableKeepIcelandicLettersAndFollowContent() {
        String sha = "ab12cd34" + "0".repeat(56);
        assertThat(Intake.recordingId(Path.of("/x/Viðtal við Þórð.mp4"), sha)).isEqualTo("viðtal-við-þórð-ab12cd34");
        assertThat(Intake.recordingId(Path.of("/y/Viðtal við Þórð.mp4"), sha)).isEqualTo("viðtal-við-þórð-ab12cd34");
        assertThat(Intake.recordingId(Path.of("/x/Viðtal við Þórð.mp4"), "ff" + sha.substring(2))).isNotEqualTo(
                Intake.recordingId(Path.of("/x/Viðtal við Þórð.mp4"), sha));
        assertThat(Intake.recordingId(Path.of("...mp3"), sha)).isEqualTo("rec-ab12cd34");
    }
}
