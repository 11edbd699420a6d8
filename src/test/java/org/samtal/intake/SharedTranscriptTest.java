package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two recordings pairing with one transcript (talk.wav and talk.mp3 beside talk.txt) are named in a note. */
class SharedTranscriptTest {
    @TempDir
    Path dir;

    @Test
    void twoRecordingsWithOneTranscriptAreNamed() throws Exception {
        for (String f : new String[]{"talk.wav", "talk.mp3", "other.wav"}) Files.write(dir.resolve(f), new byte[]{1});
        Files.writeString(dir.resolve("talk.txt"), "Halló.");
        Files.writeString(dir.resolve("other.txt"), "Bless.");
        IntakeResult r = new Intake().scan(List.of(dir), null);
        assertThat(r.items()).hasSize(3);
        assertThat(r.notes()).hasSize(1).first().asString().contains("talk.mp3 and talk.wav share the transcript")
                .contains("talk.txt").contains("a transcript each");
    }
}
