package org.samtal.align;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.EncoderSettings;
import org.samtal.media.AudioEncoder;
import org.samtal.model.Recording;
import org.samtal.model.TextUnit;
import org.samtal.speech.DetectorSettings;
import org.samtal.speech.SpeechDetector;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.TruthSentence;
import org.samtal.testing.TestSpeech;
import org.samtal.text.TranscriptReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic aligner on espeak-ng conversations spoken in other voices and speeds than its own, through mp3,
 * clean and noisy: boundaries against the exact truth, and scores against a transcript of another recording.
 */
class SyntheticAlignerTest {
    @TempDir
    Path dir;

    private final SpeechDetector detector = new SpeechDetector(DetectorSettings.defaults());

    record Result(Alignment alignment, SyntheticConversation conversation, AlignmentRequest request, SyntheticAligner aligner) {
    }

    Result run(String audioScript, String transcriptScript, double snr) throws Exception {
        return run(audioScript, transcriptScript, snr, Runtime.getRuntime().availableProcessors());
    }

    Result run(String audioScript, String transcriptScript, double snr, int cores) throws Exception {
        Espeak espeak = TestSpeech.espeak(dir);
        ConversationScript script = ConversationScript.builtIn(audioScript);
        SyntheticConversation c = new ConversationSynth(espeak).synthesize(script,
                ConversationSynth.defaultVoices(script, "is"), ConversationSynth.Settings.defaults("is").withRate(44_100).withSnr(snr));
        Path mp3 = dir.resolve("talk.mp3");
        short[] pcm = c.interleaved();
        try (AudioEncoder enc = TestSpeech.media().openEncoder(mp3, EncoderSettings.forExtension("mp3", 44_100, 1))) {
            enc.write(pcm, pcm.length);
        }
        DecodedAudio audio = TestSpeech.media().decode(mp3, DecodeOptions.speechMono(), dir, null);
        Path transcript = Files.writeString(dir.resolve("t.txt"), ConversationScript.builtIn(transcriptScript).asTurnTranscript());
        TranscriptReader reader = new TranscriptReader();
        List<TextUnit> units = reader.units(reader.read(transcript), "is");
        Recording rec = new Recording("talk-00000000", mp3, "0".repeat(64), audio.duration(), 16_000, 1, "is");
        SyntheticAligner aligner = new SyntheticAligner(espeak, detector, List.of("is"), cores);
        AlignmentRequest request = new AlignmentRequest(rec, audio, 0, detector.detect(audio, 0), units);
        return new Result(aligner.align(request), c, request, aligner);
    }

    @ParameterizedTest(name = "SNR {0} dB: median error <= {1} s, {2} of boundaries within 100 ms")
    @CsvSource({"NaN, 0.03, 0.95", "20, 0.04, 0.7", "10, 0.05, 0.7"})
    void placesSentencesOnTheirSpeech(double snr, double maxMedian, double minWithin100) throws Exception {
        Result r = run("interview-is", "interview-is", snr);
        List<Double> errors = new ArrayList<>();
        for (AlignedSpan s : r.alignment().spans()) {
            TruthSentence first = r.conversation().truth().get(s.units().get(0).index());
            TruthSentence last = r.conversation().truth().get(s.units().get(s.units().size() - 1).index());
            errors.add(Math.abs(s.start() - first.start()));
            errors.add(Math.abs(s.end() - last.end()));
        }
        Collections.sort(errors);
        assertThat(r.alignment().spans()).hasSizeGreaterThanOrEqualTo(18);
        assertThat(errors.get(errors.size() / 2)).isLessThanOrEqualTo(maxMedian);
        assertThat(errors.stream().filter(e -> e <= 0.1).count()).isGreaterThanOrEqualTo((long) Math.ceil(minWithin100 * errors.size()));
        assertThat(r.alignment().spans()).allSatisfy(s -> assertThat(s.score()).isGreaterThan(0.5));
    }

    @org.junit.jupiter.api.Test
    void oneCorePlacesAndScoresAsTwoDo() throws Exception {
        // several recordings built at once take a core each: all on the caller's thread, the same alignment
        Alignment one = run("interview-is", "interview-is", 20, 1).alignment();
        Alignment two = run("interview-is", "interview-is", 20, 2).alignment();
        assertThat(one.spans()).hasSameSizeAs(two.spans()).isNotEmpty();
        for (int k = 0; k < one.spans().size(); k++) {
            AlignedSpan a = one.spans().get(k);
            AlignedSpan b = two.spans().get(k);
            assertThat(a.start()).isEqualTo(b.start());
            assertThat(a.end()).isEqualTo(b.end());
            assertThat(a.score()).isEqualTo(b.score());
        }
        // the same evidence; only the engine's own timings (..._seconds but the synthetic speech's length) differ
        java.util.function.Function<Alignment, java.util.Map<String, Double>> evidence = x -> x.metrics().entrySet().stream()
                .filter(e -> !e.getKey().endsWith("_seconds") || e.getKey().equals("synthetic_seconds"))
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
        assertThat(evidence.apply(one)).isEqualTo(evidence.apply(two)).containsKey("recording_margin");
    }

    @ParameterizedTest(name = "audio {0}, transcript {1}, SNR {2}")
    @CsvSource({"interview-is, weather-is, NaN", "weather-is, interview-is, 15"})
    void aTranscriptOfAnotherRecordingGetsNoAcceptedSegment(String audio, String transcript, double snr) throws Exception {
        Result r = run(audio, transcript, snr);
        assertThat(r.alignment().metrics().get("recording_margin")).isLessThan(Calibration.RECORDING_MARGIN_MIDPOINT);
        assertThat(r.alignment().spans()).allSatisfy(s -> assertThat(s.score()).isLessThan(SegmentFilter.defaults().minScore()));
    }

    /**
     * A part of a recording aligned again (a speaker's turns on their own channel) is judged on whichever shows the
     * transcript to be the recording's better, the part or the whole: never worse than alone, never helped by a
     * whole that shows it worse. (A speaker's few turns alone on a channel of digital silence had a median contrast
     * near 1 and were all left out, though placed right.)
     */
    @org.junit.jupiter.api.Test
    void aPartAlignedAgainIsJudgedOnTheBetterOfItsOwnAndTheWholesEvidence() throws Exception {
        Result r = run("interview-is", "interview-is", Double.NaN);
        Alignment alone = r.alignment();
        Alignment strong = r.aligner().align(r.request().withEvidence(Map.of("recording_margin", 1.0, "recording_contrast", 0.5)));
        Alignment weak = r.aligner().align(r.request().withEvidence(Map.of("recording_margin", -1.0, "recording_contrast", 2.0)));
        assertThat(strong.metrics().get("recording_contrast")).isEqualTo(0.5);
        assertThat(strong.metrics().get("recording_margin")).isEqualTo(1.0);
        assertThat(weak.metrics().get("recording_contrast")).isEqualTo(alone.metrics().get("recording_contrast"));
        assertThat(weak.metrics().get("recording_margin")).isEqualTo(alone.metrics().get("recording_margin"));
        assertThat(alone.spans()).hasSameSizeAs(strong.spans()).hasSameSizeAs(weak.spans());
        for (int k = 0; k < alone.spans().size(); k++) {
            assertThat(strong.spans().get(k).start()).isEqualTo(alone.spans().get(k).start()); // placement unchanged
            assertThat(strong.spans().get(k).score()).isGreaterThanOrEqualTo(alone.spans().get(k).score());
            assertThat(weak.spans().get(k).score()).isEqualTo(alone.spans().get(k).score());
        }
    }
}
