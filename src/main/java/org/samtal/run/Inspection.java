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
     * @param shapes            each shape of delivery found, with its recordings, hours, speakers and problems
     * @param ignored           files left out, each with why (a table whose columns cannot be told, clips no table
     *                          lists, files that are not media)
     */
    public record Report(List<Recording> recordings, @JsonProperty("submission_problems") List<String> submissionProblems,
                         double hours, @JsonProperty("speech_hours") double speechHours, Map<String, Integer> formats,
                         Map<String, Integer> channels, Map<String, Integer> languages, List<Shape> shapes,
                         List<String> ignored) {
    }

    /**
     * One shape of delivery found: recordings with transcript files of their own, a table of transcripts, or a
     * Kaldi data folder.
     *
     * @param kind       {@code files with transcripts}, {@code table} or {@code kaldi folder}
     * @param source     the table or the folder ({@code null} for files with transcripts)
     * @param layout     the table layout recognised (samromur, common_voice, ljspeech, guessed, mapped, kaldi), or
     *                   {@code null}
     * @param columns    which column each role came from, or {@code null}
     * @param recordings recordings or clips of this shape
     * @param hours      hours of their audio
     * @param speakers   distinct speakers named (0 when none is)
     * @param problems   problems of this shape's files (its rows, its recordings)
     */
    public record Shape(String kind, String source, String layout, String columns, int recordings, double hours,
                        int speakers, List<String> problems) {
    }

    private final Media media;
    private final Path workDir;

    private final Path table;
    private final Map<String, String> tableColumns;

    public Inspection(Media media, Path workDir) {
        this(media, workDir, null, Map.of());
    }

    /**
     * @param table        a table of transcripts named by {@code --table}, or {@code null}
     * @param tableColumns columns of tables whose header is not recognised ({@code --table-columns})
     */
    public Inspection(Media media, Path workDir, Path table, Map<String, String> tableColumns) {
        this.media = media;
        this.workDir = workDir;
        this.table = table;
        this.tableColumns = Map.copyOf(tableColumns);
    }

    public Report inspect(Path dir) {
        List<String> submission = SubmissionReader.find(dir) == null ? List.of("no submission.json (a build needs --lang and "
                + "treats the delivery as undeclared; see the README for the manifest)")
                : new SubmissionReader().validate(dir).stream().map(SubmissionReader.Problem::toString).toList();
        IntakeResult intake = new Intake(table, tableColumns).scan(List.of(dir), null);
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
        Map<String, ShapeTally> shapes = new java.util.LinkedHashMap<>();
        for (WorkItem w : intake.items()) {
            ShapeTally shape = shapes.computeIfAbsent(w.listed() == null ? "" : w.listed().source().toString(),
                    k -> new ShapeTally(w));
            List<String> problems = new ArrayList<>();
            if (w.refused() != null) {
                // neither file is opened: a submission may not make samtal read outside its delivery
                out.add(new Recording(w.media().toString(), w.transcript() == null ? null : w.transcript().toString(), null,
                        null, 0, 0, false, 0, 0, null, 0, Map.of(), List.of(), List.of(w.refused())));
                shape.add(0, List.of(), List.of(w.refused()));
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
            java.util.Set<String> speakers = new java.util.TreeSet<>();
            if (w.listed() != null) {
                // a row of a table or a Kaldi folder: its text is the row's
                format = w.listed().shape().equals("kaldi") ? "Kaldi utterance " + w.listed().id() : "table row";
                turns = 1;
                var d = check.detect(w.listed().text());
                if (d != null) langs.merge(d.language(), 1, Integer::sum);
                scanner.scan(w.listed().text()).forEach(f -> pii.add(f.kind()));
                if (w.listed().speaker() != null) speakers.add(w.listed().speaker());
            } else if (w.transcript() == null) {
                problems.add(w.media() + ": no transcript (deliver " + Intake.stem(w.media()) + ".txt or a timed format beside it)");
            } else {
                try {
                    Transcript t = reader.read(w.transcript());
                    format = t.format();
                    turns = t.turns().size();
                    for (var turn : t.turns()) {
                        if (turn.speaker() != null) speakers.add(turn.speaker());
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
                    // to the millisecond: sums of frames print as 23.74999999999999
                    a == null ? 0 : a.channels(), info != null && info.hasVideo(), Math.round(duration * 1000) / 1000.0,
                    Math.round(speechSeconds * 1000) / 1000.0, format, turns,
                    langs, pii, problems));
            if (info != null) formats.merge(info.container(), 1, Integer::sum);
            if (a != null) channels.merge(Integer.toString(a.channels()), 1, Integer::sum);
            langs.forEach((k, v) -> languages.merge(k, v, Integer::sum));
            seconds += duration;
            speech += speechSeconds;
            shape.add(duration, speakers, problems);
        }
        for (IntakeResult.Ignored g : intake.ignored()) {
            // a table's rows that could not be used are the table's problems
            ShapeTally t = shapes.containsKey(g.file().toString()) ? shapes.get(g.file().toString())
                    : shapes.get(g.file().resolve("text").toString());
            if (t != null) t.problems.add(g.reason());
        }
        List<Shape> shapeList = shapes.values().stream().map(ShapeTally::shape).toList();
        List<String> ignored = new ArrayList<>(intake.notes());
        intake.ignored().stream()
                .filter(g -> !shapes.containsKey(g.file().toString()) && !shapes.containsKey(g.file().resolve("text").toString()))
                .map(g -> g.file() + ": " + g.reason()).forEach(ignored::add);
        return new Report(out, submission, round(seconds / 3600), round(speech / 3600), formats, channels, languages, shapeList,
                ignored);
    }

    /** What is counted of one delivery shape while its recordings are inspected. */
    private static final class ShapeTally {
        final WorkItem first;
        int recordings;
        double seconds;
        final java.util.Set<String> speakers = new java.util.TreeSet<>();
        final List<String> problems = new ArrayList<>();

        ShapeTally(WorkItem first) {
            this.first = first;
        }

        void add(double duration, java.util.Collection<String> names, List<String> recordingProblems) {
            recordings++;
            seconds += duration;
            speakers.addAll(names);
            problems.addAll(recordingProblems);
        }

        Shape shape() {
            WorkItem.Listed l = first.listed();
            if (l == null) return new Shape("files with transcripts", null, null, null, recordings, round(seconds / 3600),
                    speakers.size(), problems);
            boolean kaldi = l.shape().equals("kaldi");
            return new Shape(kaldi ? "kaldi folder" : "table", kaldi ? l.source().getParent().toString() : l.source().toString(),
                    l.shape(), l.columns(), recordings, round(seconds / 3600), speakers.size(), problems);
        }
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
