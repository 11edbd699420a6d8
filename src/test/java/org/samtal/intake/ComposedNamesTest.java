package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A name copied from a Mac is written decomposed (NFD: "o" + combining acute), the same name typed on Linux or
 * Windows composed (NFC): they are different file names, but pair as the one name they are.
 */
class ComposedNamesTest {
    private static final String NAME = "Þórður á Ísafirði";

    @TempDir
    Path dir;

    private static String nfd(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD);
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    @Test
    void aDecomposedMediaNamePairsWithAComposedTranscriptName() throws Exception {
        Path media = dir.resolve(nfd(NAME) + ".wav");
        Path transcript = dir.resolve(nfc(NAME) + ".txt");
        Files.writeString(media, "x");
        Files.writeString(transcript, "x");
        assertThat(Files.list(dir).count()).isEqualTo(2); // two names on disk, not one

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).singleElement().satisfies(w -> {
            assertThat(w.media()).isEqualTo(media);
            assertThat(w.transcript()).isEqualTo(transcript);
        });
        assertThat(r.ignored()).isEmpty();
        // and the other way round, named on the command line
        Path media2 = dir.resolve("b/" + nfc(NAME) + ".mp3");
        Path transcript2 = dir.resolve("b/" + nfd(NAME) + ".srt");
        Files.createDirectories(media2.getParent());
        Files.writeString(media2, "x");
        Files.writeString(transcript2, "x");
        assertThat(Intake.pairedTranscript(media2)).isEqualTo(transcript2);
    }

    @Test
    void anotherTranscriptOfADecomposedNameIsNamedAsSuch() throws Exception {
        Files.writeString(dir.resolve(nfd(NAME) + ".wav"), "x");
        Files.writeString(dir.resolve(nfc(NAME) + ".srt"), "x");
        Files.writeString(dir.resolve(nfd(NAME) + ".txt"), "x");

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).singleElement().extracting(w -> w.transcript().getFileName().toString()).isEqualTo(nfc(NAME) + ".srt");
        assertThat(r.ignored()).singleElement().extracting(IntakeResult.Ignored::reason).asString()
                .startsWith("another transcript of");
    }

    @Test
    void aTableRowFindsItsClipWhateverTheComposition() throws Exception {
        Files.createDirectories(dir.resolve("wavs"));
        Files.writeString(dir.resolve("wavs/" + nfd("Þóra") + "-1.wav"), "x");
        Files.writeString(dir.resolve("metadata.csv"), nfc("Þóra") + "-1|Halló þú.|Halló þú.\n");

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.ignored()).isEmpty();
        assertThat(r.items()).singleElement().satisfies(w -> {
            assertThat(w.media().getFileName().toString()).isEqualTo(nfd("Þóra") + "-1.wav");
            assertThat(w.listed().text()).isEqualTo("Halló þú.");
        });
    }

    @Test
    void aSubmissionNamingARecordingComposedFindsItsDecomposedFile() throws Exception {
        Files.writeString(dir.resolve(nfd(NAME) + ".wav"), "x");
        Files.writeString(dir.resolve(nfc(NAME) + ".txt"), "x");
        Files.writeString(dir.resolve("submission.json"), """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Allir samþykktu.",
                 "recordings": [{"file": "%s.wav", "language": "is-IS", "speakers": [{"name": "Þórður", "gender": "male"}]}]}
                """.formatted(nfc(NAME)));

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).singleElement().satisfies(w -> {
            assertThat(w.transcript().getFileName().toString()).isEqualTo(nfc(NAME) + ".txt");
            assertThat(w.delivery().language()).isEqualTo("is-IS");
            assertThat(w.delivery().speakers()).containsOnlyKeys("þórður");
        });
    }
}
