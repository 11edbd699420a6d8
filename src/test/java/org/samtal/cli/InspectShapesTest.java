package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inspect} in plain words: each delivery shape found, with its clips, hours, speakers and problems. */
class InspectShapesTest {
    @TempDir
    Path dir;

    @Test
    void describesAClipCollectionWithItsTableAndAKaldiFolderPlainly() throws Exception {
        Path in = dir.resolve("safn");
        Files.createDirectories(in.resolve("clips"));
        for (String clip : new String[]{"000004-0000021.flac", "000004-0000022.flac", "000010-0000076.flac"}) {
            Files.copy(ClipTableBuildTest.DEV.resolve("clips").resolve(clip), in.resolve("clips").resolve(clip));
        }
        Files.writeString(in.resolve("metadata.tsv"), "id\tspeaker_id\tfilename\tsentence\tsentence_norm\tgender\tage\tnative_language\tduration\n"
                + "0000021\t000004\t000004-0000021.flac\tÞar kemur ýmislegt fram um stærð alheimsins.\tx\tmale\t20-29\tNAN\t4.14\n"
                + "0000022\t000004\t000004-0000022.flac\tLandslag Austur-Afríku einkennist af Sigdalnum mikla.\tx\tmale\t20-29\tNAN\t6.72\n"
                + "0000099\t000009\tgone.flac\tHvar er þessi?\tx\tfemale\t30-39\tNAN\t3.00\n");
        Path kaldi = in.resolve("kaldi");
        Files.createDirectories(kaldi);
        Files.writeString(kaldi.resolve("wav.scp"), "u1 flac -c -d -s " + in.resolve("clips/000010-0000076.flac").toAbsolutePath()
                + " |\nu2 curl http://example.org/x.wav |\n");
        Files.writeString(kaldi.resolve("text"), "u1 eitthvað sagt\nu2 annað\n");
        Files.writeString(kaldi.resolve("utt2spk"), "u1 s1\nu2 s1\n");

        Files.writeString(in.resolve("athugasemdir.csv"), "dagur,athugasemd\n1,engin\n");

        Cli.Run plain = Cli.run("inspect", in.toString());

        assertThat(plain.out()).doesNotContain("null").doesNotContain("{}").doesNotContain("{");
        assertThat(plain.out()).contains("table " + in.resolve("metadata.tsv") + " (Samrómur's layout; columns file=filename, "
                + "text=sentence, speaker=speaker_id, gender=gender, age=age): 2 clips")
                .contains("1 speaker(s) named").contains("Kaldi folder " + kaldi.toAbsolutePath())
                .contains("000004-0000022.flac: 6.7 s, flac 16000 Hz mono, text from its table row")
                .contains("line 4: gone.flac not found").contains("runs curl")
                .contains("athugasemdir.csv: a table without a recognisable file column and text column");
        JsonNode r = new ObjectMapper().readTree(Cli.run("inspect", in.toString(), "--json").out());
        JsonNode table = r.get("shapes").get(0);
        assertThat(table.get("kind").asText()).isEqualTo("table");
        assertThat(table.get("layout").asText()).isEqualTo("samromur");
        assertThat(table.get("recordings").asInt()).isEqualTo(2);
        assertThat(table.get("hours").asDouble()).isCloseTo((4.14 + 6.72) / 3600, org.assertj.core.api.Assertions.within(0.0002));
        JsonNode k = r.get("shapes").get(1);
        assertThat(k.get("kind").asText()).isEqualTo("kaldi folder");
        assertThat(k.get("recordings").asInt()).isEqualTo(1);
        assertThat(k.get("problems").toString()).contains("u2");
    }

    /** A video without sound says so (not "0.0 s 0 Hz 0 channels"); seconds to the millisecond; turns too short counted. */
    @Test
    void aVideoWithoutSoundSaysSoAndFiguresAreRounded() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        org.samtal.testing.TestSpeech.videoWithoutAudio(in.resolve("myndband.mp4"));
        Files.writeString(in.resolve("myndband.txt"), "Góðan daginn og velkomin í þáttinn okkar í dag.\nJá.\n");
        Files.copy(ClipTableBuildTest.DEV.resolve("clips").resolve("000004-0000021.flac"), in.resolve("lesid.flac"));
        Files.writeString(in.resolve("lesid.txt"), "Þar kemur ýmislegt fram um stærð alheimsins.\nJá.\n");
        Cli.Run plain = Cli.run("inspect", in.toString());
        assertThat(plain.out()).contains("myndband.mp4: mov,mp4,m4a,3gp,3g2,mj2 video without an audio stream")
                .doesNotContain(" 0 Hz").doesNotContain("0 channels").contains("turns read as is 1 (1 too short to judge)");
        JsonNode r = new ObjectMapper().readTree(Cli.run("inspect", in.toString(), "--json").out());
        for (JsonNode rec : r.get("recordings")) {
            for (String k : new String[]{"seconds", "speech_seconds"}) {
                String v = rec.get(k).asText();
                assertThat(v.contains(".") ? v.length() - v.indexOf('.') - 1 : 0).as(k + " " + v).isLessThanOrEqualTo(3);
            }
        }
    }
}
