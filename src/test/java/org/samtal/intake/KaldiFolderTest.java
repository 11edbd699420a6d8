package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kaldi data folders as input: files and the usual pipes read without running a command, segments, speakers. */
class KaldiFolderTest {
    @TempDir
    Path dir;

    @Test
    void recognisesFilesAndTheUsualPipesAndTakesTheirInputFile() {
        assertThat(KaldiFolder.inputFile("wav/a.wav")).isEqualTo("wav/a.wav");
        assertThat(KaldiFolder.inputFile("sox wav/a.flac -t wav - |")).isEqualTo("wav/a.flac");
        assertThat(KaldiFolder.inputFile("sox -t flac wav/a.flac -r 16000 -c 1 -t wav - |")).isEqualTo("wav/a.flac");
        assertThat(KaldiFolder.inputFile("/usr/bin/sox wav/a.wav -t wav - remix 1 rate 16k |")).isEqualTo("wav/a.wav");
        assertThat(KaldiFolder.inputFile("flac -c -d -s wav/a.flac |")).isEqualTo("wav/a.flac");
        assertThat(KaldiFolder.inputFile("ffmpeg -i wav/a.mp3 -f wav -ar 16000 -ac 1 - |")).isEqualTo("wav/a.mp3");
    }

    @Test
    void refusesAnyOtherCommandWithoutRunningIt() {
        assertThatThrownBy(() -> KaldiFolder.inputFile("cat wav/a.wav |")).hasMessageContaining("runs cat")
                .hasMessageContaining("runs no command");
        assertThatThrownBy(() -> KaldiFolder.inputFile("sox a.wav -t wav - | rm -rf / |")).hasMessageContaining("more than one command");
        assertThatThrownBy(() -> KaldiFolder.inputFile("sox $(whoami).wav -t wav - |")).hasMessageContaining("runs no shell");
        assertThatThrownBy(() -> KaldiFolder.inputFile("sox a.wav -t wav - trim 0 5 |")).hasMessageContaining("effect 'trim'");
        assertThatThrownBy(() -> KaldiFolder.inputFile("sox a.wav out.wav |")).hasMessageContaining("standard output");
    }

    @Test
    void readsUtterancesWithSegmentsSpeakersAndGenders() throws IOException {
        Path recipe = dir.resolve("recipe");
        Path data = recipe.resolve("data/train");
        Files.createDirectories(data);
        Files.createDirectories(recipe.resolve("audio"));
        Files.write(recipe.resolve("audio/rec1.flac"), new byte[]{1});
        Files.write(recipe.resolve("audio/rec2.wav"), new byte[]{1});
        // paths relative to the recipe folder, as Kaldi recipes write them
        Files.writeString(data.resolve("wav.scp"), "rec1 flac -c -d -s audio/rec1.flac |\nrec2 audio/rec2.wav\nrec3 cat x |\n");
        Files.writeString(data.resolve("segments"), "u1 rec1 0.50 3.25\nu2 rec1 4.0 6.5\nu3 rec2 0 2\nu4 rec3 0 1\n");
        Files.writeString(data.resolve("text"), "u1 góðan dag\nu2 hvað segirðu\nu3 allt gott\nu4 ekkert\n");
        Files.writeString(data.resolve("utt2spk"), "u1 anna\nu2 anna\nu3 bjarni\nu4 bjarni\n");
        Files.writeString(data.resolve("spk2gender"), "anna f\nbjarni m\n");

        KaldiFolder.Read r = KaldiFolder.read(data);

        assertThat(r.items()).hasSize(3);
        WorkItem.Listed u1 = r.items().get(0).listed();
        assertThat(r.items().get(0).media()).isEqualTo(recipe.resolve("audio/rec1.flac").toAbsolutePath().normalize());
        assertThat(u1.id()).isEqualTo("u1");
        assertThat(u1.text()).isEqualTo("góðan dag");
        assertThat(u1.from()).isEqualTo(0.5);
        assertThat(u1.to()).isEqualTo(3.25);
        assertThat(u1.speaker()).isEqualTo("anna");
        assertThat(u1.gender()).isEqualTo("f");
        assertThat(u1.columns()).isEqualTo("wav.scp, text, segments, utt2spk, spk2gender");
        assertThat(r.items().get(2).listed().gender()).isEqualTo("m");
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("rec3").contains("runs cat"));
    }

    @Test
    void intakeTakesAKaldiFolderAndDoesNotCallItsFilesUnknown() throws IOException {
        Files.write(dir.resolve("a.wav"), new byte[]{1});
        Files.writeString(dir.resolve("wav.scp"), "a sox a.wav -t wav - |\n");
        Files.writeString(dir.resolve("text"), "a halló heimur\n");

        IntakeResult r = new Intake().scan(List.of(dir), null);

        assertThat(r.items()).singleElement().satisfies(w -> {
            assertThat(w.listed().shape()).isEqualTo("kaldi");
            assertThat(w.listed().wholeFile()).isTrue();
            assertThat(w.listed().text()).isEqualTo("halló heimur");
        });
        assertThat(r.ignored()).isEmpty();
    }
}
