package org.samtal.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.samtal.intake.Intake;
import org.samtal.intake.IntakeResult;
import org.samtal.intake.SubmissionReader;
import org.samtal.intake.WorkItem;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.media.MediaInfo;
import org.samtal.model.Transcript;
import org.samtal.privacy.PersonalDataScanner;
import org.samtal.speech.DetectorSettings;
import org.samtal.speech.SpeechDetector;
import org.samtal.text.LanguageCheck;
import org.samtal.text.TranscriptException;
import org.samtal.text.TranscriptReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a partner runs before delivering: every recording's format, length and speech, every transcript's format
 * and language, every problem (submission, media, transcripts, personal data), and about how many hours of corpus
 * the delivery would yield. It decodes each recording once, to measure its speech; it aligns nothing.
 */
public final class Inspection {
    /**
     * @param file              the media file
     * @param transcript        its transcript, or null
     * @param container         container format
     * @param codec             audio codec
     * @param sampleRate        native rate
     * @param channels          native channels
     * @param video             has a video track
     * @param seconds           duration
     * @param speechSeconds     speech detected
     * @param transcriptFormat  the transcript's format
     * @param turns             its turns
     * @param languages         languages detected in its turns, with how many turns each
     * @param personalData      personal-data findings in it (kinds only)
     * @param problems          what stops it, with the fix
     */
    public record Recording(String file, String transcript, String container, String codec,
                            @JsonProperty("sample_rate") int sampleRate, int channels, boolean video, double seconds,
                            @JsonProperty("speech_seconds") double speechSeconds,
                            @JsonProperty("transcript_format") String transcriptFormat, int turns,
                            Map<String, Integer> languages, @JsonProperty("personal_data") List<String> personalData,
                            List<String> problems) {
    }

    /**
     * @param recordings        each recording
     * @param submissionProblems problems of the submission manifest (all of them)
     * @param hours             hours of audio
     * @param speechHours       hours of detected speech: about what the corpus would hold, before alignment filters
     * @param formats           recordings per container
     * @param channels          recordings per channel count
     * @param languages         transcript turns per detected language
     */
    public record Report(List<Recording> recordings, @JsonProperty("submission_problems") List<String> submissionProblems,
                         double hours, @JsonProperty("speech_hours") double speechHours, Map<String, Integer> formats,
                         Map<String, Integer> channels, Map<String, Integer> languages) {
    }

    private final Media media;
    private final Path workDir;

    public Inspection(Media media, Path workDir) {
        this.media = media;
        this.workDir = workDir;
    }

    public Report inspect(Path dir) {
        List<String> submission = SubmissionReader.find(dir) == null ? List.of("no submission.json (a build needs --lang and "
                + "treats the delivery as undeclared; see the README for the manifest)")
                : new SubmissionReader().validate(dir).stream().map(SubmissionReader.Problem::toString).toList();
        IntakeResult intake = new Intake().scan(List.of(dir), null);
        LanguageCheck check = new LanguageCheck(LanguageCheck.DEFAULT, "is");
        SpeechDetector detector = new SpeechDetector(DetectorSettings.defaults());
        TranscriptReader reader = new TranscriptReader();
        PersonalDataScanner scanner = new PersonalDataScanner();
        List<Recording> out = new ArrayList<>();
        Map<String, Integer> formats = new TreeMap<>();
        Map<String, Integer> channels = new TreeMap<>();
        Map<String, Integer> languages = new TreeMap<>();
        double seconds = 0;
        double speech = 0;
        for (WorkItem w : intake.items()) {
            List<String> problems = new ArrayList<>();
            if (w.refused() != null) {
                // neither file is opened: a submission may not make samtal read outside its delivery
                out.add(new Recording(w.media().toString(), w.transcript() == null ? null : w.transcript().toString(), null,
                        null, 0, 0, false, 0, 0, null, 0, Map.of(), List.of(), List.of(w.refused())));
                continue;
            }
            MediaInfo info = null;
            double speechSeconds = 0;
            double duration = 0;
            try {
                info = media.probe(w.media());
                DecodedAudio audio = media.decode(w.media(), DecodeOptions.speechMono(), workDir, null);
                try {
                    duration = audio.duration();
                    speechSeconds = detector.detect(audio, 0).speechSeconds();
                } finally {
                    audio.delete();
                }
            } catch (MediaException e) {
                problems.add(e.getMessage());
            }
            String format = null;
            int turns = 0;
            Map<String, Integer> langs = new TreeMap<>();
            List<String> pii = new ArrayList<>();
            if (w.transcript() == null) {
                problems.add(w.media() + ": no transcript (deliver " + Intake.stem(w.media()) + ".txt or a timed format beside it)");
            } else {
                try {
                    Transcript t = reader.read(w.transcript());
                    format = t.format();
                    turns = t.turns().size();
                    for (var turn : t.turns()) {
                        var d = check.detect(turn.text());
                        if (d != null) langs.merge(d.language(), 1, Integer::sum);
                        scanner.scan(turn.text()).forEach(f -> pii.add(f.kind()));
                    }
                } catch (TranscriptException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!pii.isEmpty()) problems.add(pii.size() + " personal-data finding(s) in the transcript: their segments will be left out");
            var a = info == null || info.audioStreams().isEmpty() ? null : info.audioStreams().get(0);
            out.add(new Recording(w.media().toString(), w.transcript() == null ? null : w.transcript().toString(),
                    info == null ? null : info.container(), a == null ? null : a.codec(), a == null ? 0 : a.sampleRate(),
                    a == null ? 0 : a.channels(), info != null && info.hasVideo(), duration, speechSeconds, format, turns,
                    langs, pii, problems));
            if (info != null) formats.merge(info.container(), 1, Integer::sum);
            if (a != null) channels.merge(Integer.toString(a.channels()), 1, Integer::sum);
            langs.forEach((k, v) -> languages.merge(k, v, Integer::sum));
            seconds += duration;
            speech += speechSeconds;
        }
        return new Report(out, submission, round(seconds / 3600), round(speech / 3600), formats, channels, languages);
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
