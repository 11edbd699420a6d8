package org.samtal.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transcript far longer than its recording can hold is refused at once, with the numbers, before any engine
 * synthesises it (#14 item 9: a 10 MB transcript beside a 2-minute recording made espeak-ng write gigabytes).
 */
class TranscriptLengthTest {
    @TempDir
    Path dir;

    @Test
    void aTranscriptFarLongerThanTheSpeechIsRefusedWithTheNumbersBeforeSynthesis() throws Exception {
        Path in = dir.resolve("in");
        assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", "flutt", "--formats", "wav").exit()).isZero();
        Files.delete(in.resolve("flutt.truth.json"));
        // the recording's own transcript, thirty times over: about thirty times the letters a second people speak
        String own = Files.readString(in.resolve("flutt.txt"));
        Files.writeString(in.resolve("flutt.txt"), own.repeat(30));
        Path out = dir.resolve("corpus");

        long t0 = System.nanoTime();
        Cli.Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString(), "--aligner", "synthetic");
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        Matcher m = Pattern.compile("flutt\\.wav: the transcript is far longer than the audio can hold: (\\d+) letters for "
                + "([0-9.]+) s of detected speech is (\\d+) letters a second, and people speak at most about 40; check that "
                + "flutt\\.txt is this recording's transcript").matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        // a cut-off copy of the recording looks the same: the audio's length is said too
        assertThat(run.err()).containsPattern("and that flutt\\.wav is whole \\(its audio lasts [0-9.]+ s; a copy cut off in transfer is that short\\)");
        long letters = Long.parseLong(m.group(1));
        double speech = Double.parseDouble(m.group(2));
        // the letters of what is said: the speaker names before each turn are not
        long said = own.lines().map(l -> l.substring(l.indexOf(':') + 1))
                .mapToLong(l -> l.codePoints().filter(Character::isLetterOrDigit).count()).sum();
        assertThat(letters).isEqualTo(30 * said);
        assertThat(Long.parseLong(m.group(3))).isEqualTo(Math.round(letters / speech));
        // nothing was synthesised: no temporary audio left, and far quicker than speaking 30 transcripts
        try (var work = Files.walk(out.resolve(".samtal"))) {
            assertThat(work.filter(p -> p.getFileName().toString().startsWith("espeak-"))).isEmpty();
        }
        assertThat(seconds).isLessThan(20);
        JsonNode report = Json.mapper().readTree(out.resolve("build-report.json").toFile());
        assertThat(report.get("recordings").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(report.get("recordings").get(0).get("message").asText()).contains("letters a second");

        // the recording's own transcript builds as before
        Files.writeString(in.resolve("flutt.txt"), own);
        Cli.Run fine = Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString(), "--aligner", "synthetic");
        assertThat(fine.exit()).as(fine.err()).isZero();
    }
}
