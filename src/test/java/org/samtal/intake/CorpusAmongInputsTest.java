package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus built into its own delivery folder was read back in by the next build: its clips as recordings, its
 * tables as transcripts. Intake does not descend into a samtal corpus nor into the build's --out folder.
 */
class CorpusAmongInputsTest {
    @TempDir
    Path dir;

    @Test
    void intakeLeavesOutCorporaAndTheOutputFolderAndSaysSoOnce() throws Exception {
        Files.writeString(dir.resolve("talk.wav"), "x");
        Files.writeString(dir.resolve("talk.txt"), "x");
        // a corpus an earlier build wrote into the delivery folder
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve(".samtal/parts"));
        Files.createDirectories(corpus.resolve("clips/talk-1234"));
        Files.writeString(corpus.resolve("clips/talk-1234/seg-0001.flac"), "x");
        Files.createDirectories(corpus.resolve("cv"));
        Files.writeString(corpus.resolve("cv/validated.tsv"), "path\tsentence\nclip.mp3\tHalló\n");
        Files.writeString(corpus.resolve("cv/clip.mp3"), "x");
        // the --out folder of this build, not yet a corpus (a first build interrupted before .samtal/)
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("clips"));
        Files.writeString(out.resolve("clips/old.flac"), "x");

        IntakeResult r = new Intake().leavingOut(out).scan(List.of(dir), null);

        assertThat(r.items()).extracting(w -> dir.relativize(w.media()).toString()).containsExactly("talk.wav");
        assertThat(r.ignored()).isEmpty();
        assertThat(r.notes()).containsExactly(
                corpus + " is a samtal corpus (it holds .samtal/): its files are not read as recordings",
                out + " is this build's --out folder: its files are not read as recordings");
    }

    @Test
    void aCorpusNamedAsInputHoldsNoRecordings() throws Exception {
        Files.createDirectories(dir.resolve(".samtal"));
        Files.createDirectories(dir.resolve("clips/r-1"));
        Files.writeString(dir.resolve("clips/r-1/s.flac"), "x");
        Files.writeString(dir.resolve("manifest.jsonl"), "{}\n");

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).isEmpty();
        assertThat(r.notes()).singleElement().asString().contains(dir.toString()).contains("is a samtal corpus");
    }

    @Test
    void outEqualToAnInputFolderIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("talk.wav"), "x");
        Cli.Run run = Cli.run("build", dir.toString(), "--lang", "is", "--out", dir.resolve(".").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + dir.resolve(".") + " is the input folder " + dir)
                .contains("write it to a folder of its own, e.g. --out " + dir.toRealPath().resolve("corpus"));
        assertThat(dir.resolve(".samtal")).doesNotExist();
    }
}
