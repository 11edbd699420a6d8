package org.samtal.run;

import org.samtal.align.Aligners;
import org.samtal.align.Alignment;
import org.samtal.align.ModelCatalog;
import org.samtal.align.AlignmentRequest;
import org.samtal.align.SegmentFilter;
import org.samtal.align.Segmenter;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.DuplicateIndex;
import org.samtal.corpus.Fingerprint;
import org.samtal.corpus.ManifestRow;
import org.samtal.corpus.RejectedRow;
import org.samtal.intake.Intake;
import org.samtal.intake.WorkItem;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;
import org.samtal.privacy.Screening;
import org.samtal.speech.SpeechDetector;
import org.samtal.speech.SpeechMap;
import org.samtal.synth.Espeak;
import org.samtal.text.LanguageCheck;
import org.samtal.text.LanguageTags;
import org.samtal.text.TrainingText;
import org.samtal.text.TranscriptException;
import org.samtal.text.TranscriptReader;
import org.samtal.util.Hashes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * One recording as an independent unit of work: read transcript → decode → detect speech → align → segment →
 * filter → write clips and manifest lines. It shares no mutable state with other recordings, so recordings can
 * run in any order or in parallel.
 */
public final class RecordingPipeline implements AutoCloseable {
    private final BuildSettings settings;
    private final Media media;
    private final CorpusWriter writer;
    private final TranscriptReader reader;
    /** Per language: the text stage's tools (a delivery may hold recordings in several languages). */
    private final java.util.Map<String, LanguageTools> languageTools = new java.util.HashMap<>();
    private final DuplicateIndex duplicates;
    private final SpeechDetector detector;
    private final Aligners aligners;
    /** Decoded files a group of listed clips leaves for the next (see {@link ClipGroup}); deleted on close. */
    private final java.util.Map<Path, DecodedAudio> clipAudio = new java.util.HashMap<>();
    private final SpeakerChannels speakerChannels;

    /** A pipeline that may use every core of the machine for each recording (one recording at a time). */
    public RecordingPipeline(BuildSettings settings, Media media, CorpusWriter writer) {
        this(settings, media, writer, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cores the cores each recording may use: all of them when recordings are built one at a time, one when
     *              as many are built at once as there are cores (more threads would only contend)
     */
    public RecordingPipeline(BuildSettings settings, Media media, CorpusWriter writer, int cores) {
        this.settings = settings;
        this.media = media;
        this.writer = writer;
        this.detector = new SpeechDetector(settings.detector());
        this.reader = new TranscriptReader(settings.text().format(), settings.text().encoding());
        this.duplicates = new DuplicateIndex(writer.root());
        this.aligners = new Aligners(new Espeak(media, writer.workDir()), detector,
                ModelCatalog.read(Path.of(settings.modelsFolder())), settings.model() == null ? null : Path.of(settings.model()),
                settings.segmentation().snapSeconds(), settings.filter().minScore(), cores);
        this.speakerChannels = new SpeakerChannels(media, detector, settings.segmentation(), settings.audioStream(), writer.workDir());
        // the declared language's check starts loading its models now, while the first recording is decoded
        if (settings.language() != null) tools(settings.language());
    }

    /** A full disk stops the build: every later recording would fail the same way. */
    private static void stopWhenDiskFull(RuntimeException e) {
        org.samtal.util.DiskFullException full = org.samtal.util.DiskFullException.in(e);
        if (full != null) throw new java.io.UncheckedIOException(full.getMessage(), full);
    }

    /** Frees what the engines loaded (ASR models). */
    @Override
    public void close() {
        clipAudio.values().forEach(DecodedAudio::delete);
        clipAudio.clear();
        aligners.close();
    }

    /**
     * Processes one recording. Never throws for a bad input: the outcome says what went wrong.
     *
     * @param force    rebuild even when an identical earlier build is complete
     * @param progress receives decoded seconds on long files (may be {@code null})
     */
    public RecordingOutcome process(WorkItem item, boolean force, DoubleConsumer progress) {
        return process(item, force, progress, java.util.List.of());
    }

    /**
     * @param earlier recordings already in the corpus (from earlier deliveries, and built before in this build); a
     *                copy of one of them is left out
     */
    public RecordingOutcome process(WorkItem item, boolean force, DoubleConsumer progress, java.util.Collection<String> earlier) {
        return build(item, force, progress, earlier).outcome();
    }

    /**
     * A recording's outcome and what the duplicate check knows of it.
     *
     * @param outcome     what became of it
     * @param fingerprint its duplicate-index entry, when it was decoded and its speech detected; {@code null} before
     */
    public record Built(RecordingOutcome outcome, DuplicateIndex.Entry fingerprint) {
    }

    /**
     * As {@link #process(WorkItem, boolean, DoubleConsumer, java.util.Collection)}, with the recording's
     * duplicate-index entry: a distributed build compares recordings built at once after their fused step
     * ({@code beam.Duplicates}), so each is checked here against the corpus's earlier recordings only.
     */
    public Built build(WorkItem item, boolean force, DoubleConsumer progress, java.util.Collection<String> earlier) {
        java.util.concurrent.atomic.AtomicReference<Built> fingerprinted = new java.util.concurrent.atomic.AtomicReference<>();
        RecordingOutcome o = process(item, force, progress, earlier, fingerprinted);
        Built f = fingerprinted.get();
        return new Built(o, f == null ? null : f.fingerprint());
    }

    /**
     * The resume check on its own: the outcome {@code skipped} when an identical build of the recording (same
     * media, transcript, settings and language) is complete in the corpus, else {@code null} (also for any input
     * that {@link #process} would refuse: it says why).
     */
    public RecordingOutcome alreadyBuilt(WorkItem item, boolean force) {
        long t0 = System.nanoTime();
        if (force || item.refused() != null || item.transcript() == null || item.listed() != null) return null;
        try {
            String language = item.delivery() != null && item.delivery().language() != null
                    ? LanguageTags.validate(item.delivery().language()) : settings.language();
            String sha = Hashes.sha256(item.media());
            String transcriptSha = Hashes.sha256(item.transcript());
            String recordingId = Intake.recordingId(item.media(), sha);
            CorpusWriter.DoneMarker previous = writer.finished(recordingId);
            if (!unchanged(previous, sha, transcriptSha, language)) return null;
            return skipped(item, recordingId, previous, t0);
        } catch (RuntimeException e) {
            return null; // unreadable or invalid: building it says what is wrong
        }
    }

    private boolean unchanged(CorpusWriter.DoneMarker previous, String sha, String transcriptSha, String language) {
        return previous != null && previous.sourceSha256().equals(sha) && previous.transcriptSha256().equals(transcriptSha)
                && previous.configHash().equals(settings.configHash()) && language.equals(previous.language());
    }

    private static RecordingOutcome skipped(WorkItem item, String recordingId, CorpusWriter.DoneMarker previous, long t0) {
        return new RecordingOutcome(item.media().toString(), item.transcript() == null ? null : item.transcript().toString(),
                RecordingOutcome.SKIPPED, "already built", recordingId, null, 0, 0, previous.segments(), 0, 0,
                java.util.Map.of(), List.of(), List.of(), java.util.Map.of(), List.of(), secs(t0));
    }

    /**
     * What the transcript stage gives: the recording's language and its text tools, the transcript and its units
     * (sentences), and the identity of the media and the transcript (the resume check's key).
     */
    private record Read(String language, LanguageTools tools, Transcript transcript, List<TextUnit> units, String sha,
                        String transcriptSha, String recordingId) {
    }

    /** What the alignment stage gives: the alignment (on each speaker's own channel when split) and the split. */
    private record Aligned(Alignment alignment, SpeakerChannels.Split channels) {
    }

    /** What the cutting stages give: the segments before the screening, what it kept and found, what the filters kept. */
    private record Cut(List<Segment> beforeScreening, Screening.Result screened, SegmentFilter.Result filtered) {
    }

    /**
     * One recording through its stages: read the transcript, decode, detect speech, check for copies, align, cut
     * and screen the segments, write the clips. Each stage is a method below; this one orders them, times them into
     * {@code stages}, and turns a refusal into the outcome that says why.
     */
    private RecordingOutcome process(WorkItem item, boolean force, DoubleConsumer progress, java.util.Collection<String> earlier,
                                     java.util.concurrent.atomic.AtomicReference<Built> fingerprinted) {
        long t0 = System.nanoTime();
        String input = item.media().toString();
        String transcriptName = item.transcript() == null ? null : item.transcript().toString();
        String recordingId = null;
        DecodedAudio audio = null;
        SpeakerChannels.Split channels = null;
        if (item.refused() != null) return RecordingOutcome.failed(input, transcriptName, null, item.refused(), secs(t0));
        try {
            // fails fast, with a clear message, on missing, empty and non-media files
            int audioStreams = media.probe(item.media()).audioStreams().size();
            if (item.transcript() == null) {
                return RecordingOutcome.failed(input, null, null, item.media() + ": no transcript (expected "
                        + Intake.stem(item.media()) + ".txt, .srt or .vtt beside it; deliver one, or pass --transcript FILE)", secs(t0));
            }
            String language = settings.language();
            if (item.delivery() != null && item.delivery().language() != null) {
                try {
                    language = LanguageTags.validate(item.delivery().language());
                } catch (IllegalArgumentException e) {
                    return RecordingOutcome.failed(input, transcriptName, null, item.media() + ": its submission's language "
                            + e.getMessage() + " (fix it in submission.json)", secs(t0));
                }
            }
            Read read = read(item, language);
            recordingId = read.recordingId();
            CorpusWriter.DoneMarker previous = writer.finished(recordingId);
            if (!force && unchanged(previous, read.sha(), read.transcriptSha(), language)) return skipped(item, recordingId, previous, t0);
            java.util.Map<String, Double> stages = new java.util.LinkedHashMap<>();
            long t = System.nanoTime();
            audio = media.decode(item.media(), new DecodeOptions(DecodeOptions.SPEECH_RATE, settings.audioStream(), true),
                    writer.workDir(), progress);
            t = lap(stages, "decode", t);
            Recording rec = new Recording(recordingId, item.media(), read.sha(), audio.duration(), audio.sampleRate(),
                    audio.channels(), language);
            SpeechMap speech = detector.detect(audio, 0);
            t = lap(stages, "speech_detection", t);
            DuplicateIndex.Entry entry = new DuplicateIndex.Entry(recordingId, item.media().getFileName().toString(),
                    Hashes.sha256(audio.channelFiles().get(0)), wordsHash(read.transcript()), Fingerprint.of(speech.levelDb()));
            var copy = settings.duplicates().equals("keep") ? java.util.Optional.<DuplicateIndex.Duplicate>empty()
                    : duplicates.find(entry, earlier);
            // every line, problem or information: the outcome sorts them into warnings and notes (RecordingOutcome.isNote)
            List<String> warnings = new ArrayList<>(read.transcript().notes());
            if (copy.isPresent() && settings.duplicates().equals("report")) {
                warnings.add(RecordingOutcome.keptCopy(copy.get()));
            } else if (copy.isPresent()) {
                return RecordingOutcome.duplicate(input, transcriptName, recordingId, copy.get(), audio.duration(), stages,
                        secs(t0));
            }
            duplicates.put(entry);
            fingerprinted.set(new Built(null, entry));
            String unfit = unfit(item, read.units(), speech, audio.duration());
            if (unfit != null) return RecordingOutcome.failed(input, transcriptName, recordingId, item.media() + ": " + unfit, secs(t0));
            Aligned aligned = align(item, read, rec, audio, speech, stages, warnings);
            channels = aligned.channels();
            Alignment alignment = aligned.alignment();
            Cut cut = cut(read, rec, aligned, stages, warnings);
            t = System.nanoTime();
            SegmentFilter.Result filtered = cut.filtered();
            writer.writeRejected(recordingId, rejectedRows(cut.beforeScreening(), cut.screened(), filtered));
            String mismatch = mismatch(read.units().size(), alignment, cut.screened().segments().size(), filtered);
            if (mismatch != null) {
                // what was removed is in rejected.jsonl; the recording itself is not built
                // the audio's length too: a file cut off short (a broken copy) reads like another recording's text
                return new RecordingOutcome(input, transcriptName, RecordingOutcome.FAILED, item.media() + ": " + mismatch
                        + String.format(java.util.Locale.ROOT, ", in %.1f s of audio with %.1f s of speech", audio.duration(),
                        speech.speechSeconds())
                        + " (check that " + item.transcript().getFileName() + " is this recording's transcript and that the "
                        + "file is complete; "
                        // a second language's or a commentary's track: the transcript may be of another
                        + (audioStreams > 1 ? "it has " + audioStreams + " audio streams and stream " + settings.audioStream()
                        + " was aligned: --audio-stream picks another; " : "")
                        + "every segment is in rejected.jsonl with its score, and a lower --min-score keeps more)", recordingId,
                        alignment.engine(), audio.duration(), speech.speechSeconds(), 0, 0, alignment.unaligned().size(),
                        filtered.removed(), warnings, List.of(), stages, cut.screened().findings(), secs(t0));
            }
            CorpusWriter.DoneMarker marker = new CorpusWriter.DoneMarker(recordingId, read.sha(), read.transcriptSha(),
                    settings.configHash(), language, filtered.kept().size(), item.media().toAbsolutePath().toString());
            List<ManifestRow> rows = writer.writeRecording(rec, item.transcript(), filtered.kept(),
                    channels.split() ? channels.audio() : audio, marker,
                    item.delivery(), cut.screened().silences());
            lap(stages, "clip_writing", t);
            double kept = rows.stream().mapToDouble(ManifestRow::duration).sum();
            return new RecordingOutcome(input, transcriptName, RecordingOutcome.OK,
                    rows.size() + " segments", recordingId, alignment.engine(), audio.duration(), speech.speechSeconds(),
                    rows.size(), round(kept), alignment.unaligned().size(), filtered.removed(), warnings, List.of(), stages,
                    cut.screened().findings(), secs(t0));
        } catch (MediaException | TranscriptException e) {
            stopWhenDiskFull(e);
            return RecordingOutcome.failed(input, transcriptName, recordingId, e.getMessage(), secs(t0));
        } catch (IllegalStateException e) {
            // an engine that cannot run here (no voice, no model): say which recording it stopped
            return RecordingOutcome.failed(input, transcriptName, recordingId, item.media() + ": " + e.getMessage(), secs(t0));
        } catch (RuntimeException e) {
            stopWhenDiskFull(e);
            // an unexpected fault in one recording must not cost the others their work
            return RecordingOutcome.failed(input, transcriptName, recordingId, item.media() + ": internal error ("
                    + e + "); please report it with this file's probe output", secs(t0));
        } finally {
            if (audio != null) audio.delete();
            if (channels != null && channels.split()) channels.audio().delete();
        }
    }

    /** The transcript stage: the text read into units, and the media's and transcript's identity. */
    private Read read(WorkItem item, String language) {
        LanguageTools tools = tools(language);
        Transcript transcript = reader.read(item.transcript(), language);
        List<TextUnit> units = reader.units(transcript, language);
        if (units.isEmpty()) {
            throw new TranscriptException(item.transcript(), "contains no words", "deliver the transcript with its words");
        }
        String sha = Hashes.sha256(item.media());
        return new Read(language, tools, transcript, units, sha, Hashes.sha256(item.transcript()),
                Intake.recordingId(item.media(), sha));
    }

    /**
     * Why the recording cannot be aligned with its transcript before any engine runs, or {@code null}: no speech
     * in it, or far more text than its speech can hold (synthesising such a text would write gigabytes of audio).
     */
    private static String unfit(WorkItem item, List<TextUnit> units, SpeechMap speech, double audioSeconds) {
        if (speech.regions().isEmpty()) return "no speech found (the audio is silent or is only noise; check the file)";
        String tooLong = tooMuchText(units, speech.speechSeconds());
        if (tooLong == null) return null;
        // a copy cut off in transfer is as short as a wrong transcript is long: name both
        return tooLong + "; check that " + item.transcript().getFileName() + " is this recording's transcript, and that "
                + item.media().getFileName() + " is whole (its audio lasts " + String.format(java.util.Locale.ROOT,
                "%.1f s", audioSeconds) + "; a copy cut off in transfer is that short)";
    }

    /**
     * The alignment stage: the engine chosen and set up, the transcript placed in the audio, each speaker's turns
     * again on their own channel where there is one a speaker, and what the engines' choices are worth saying.
     */
    private Aligned align(WorkItem item, Read read, Recording rec, DecodedAudio audio, SpeechMap speech,
                          java.util.Map<String, Double> stages, List<String> lines) {
        long t = System.nanoTime();
        Aligners.Choice choice = aligners.choose(settings.aligner(), read.language(), read.transcript().timed());
        if (read.tools().check() != null) read.tools().check().ready();
        t = lap(stages, "engine_setup", t); // loading an ASR model and waiting for the language check's models, the first time
        if (choice.note() != null) lines.add(choice.note());
        Alignment alignment = choice.chosen().align(new AlignmentRequest(rec, audio, 0, speech, read.units(),
                read.transcript().turns()));
        t = lap(stages, "alignment", t);
        SpeakerChannels.Split channels = speakerChannels.split(settings.channels(), item.media(), rec, read.units(),
                read.transcript().turns(), alignment, choice.chosen());
        if (channels.note() != null) lines.add(channels.note());
        if (channels.split()) {
            alignment = channels.alignment();
            lap(stages, "channel_split", t);
        }
        alignment.metrics().forEach((k, v) -> {
            if (k.endsWith("_seconds") && !k.endsWith("synthetic_seconds")) stages.put("alignment." + k.replace("_seconds", ""), round(v));
        });
        lines.addAll(remarks(alignment));
        return new Aligned(alignment, channels);
    }

    /** What an alignment is worth saying: which engines placed what, the voice chosen, the sentences not found. */
    private static List<String> remarks(Alignment alignment) {
        List<String> lines = new ArrayList<>();
        java.util.Map<String, Double> metrics = alignment.metrics();
        if (!alignment.placedBy().isEmpty()) {
            // engines backed each other up: say which placed what
            lines.add(RecordingOutcome.PLACED_BY + String.join(", ", metrics.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("placed_by."))
                    .map(e -> e.getKey().substring("placed_by.".length()) + " " + e.getValue().intValue()).toList()));
        }
        metrics.keySet().stream().filter(k -> k.startsWith("voice_chosen.")).findFirst().ifPresent(k ->
                // a bare language tag (en, pt) leaves the accent open: say which voice the evidence chose
                lines.add(RecordingOutcome.VOICE + k.substring("voice_chosen.".length()) + RecordingOutcome.VOICE_CHOSEN
                        + String.join(", ", metrics.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("voice_choice."))
                        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(e -> e.getKey().substring("voice_choice.".length()) + String.format(java.util.Locale.ROOT,
                                " %.2f", e.getValue())).toList()) + " mean score of a sample); a region in --lang "
                        + "(en-US, pt-BR) fixes the voice"));
        if (!alignment.unaligned().isEmpty()) {
            // named, so a user can find them in the transcript (the first few; the rest counted)
            List<String> named = alignment.unaligned().stream().limit(5).map(u -> "\u201c"
                    + (u.text().length() > 60 ? u.text().substring(0, 57) + "..." : u.text()) + "\u201d").toList();
            lines.add(alignment.unaligned().size() + " transcript sentence(s) found no audio: "
                    + String.join(", ", named) + (alignment.unaligned().size() > 5 ? ", ..." : ""));
        }
        return lines;
    }

    /**
     * The cutting stages: the alignment cut into segments with their training text and language check, the
     * personal-data screening, and the filters (score, duration, speaking rate).
     */
    private Cut cut(Read read, Recording rec, Aligned aligned, java.util.Map<String, Double> stages, List<String> lines) {
        long t = System.nanoTime();
        Alignment alignment = aligned.alignment();
        List<Segment> segments = aligned.channels().split() ? aligned.channels().segments()
                : new Segmenter(settings.segmentation()).segments(rec, alignment, 0);
        segments = SpeakerChannels.flagOverlaps(withTrainingText(segments, alignment, read.transcript(), lines, read.tools()));
        t = lap(stages, "text", t); // training text and each segment's language check
        Screening.Result screened = read.tools().screening().apply(read.transcript(), segments, read.units(), alignment.charTimes());
        lap(stages, "screening", t);
        if (!screened.findings().isEmpty()) {
            lines.add(screened.findings().size() + " personal-data finding(s) in the transcript, "
                    + screened.dropped() + " segment(s) left out (kinds and positions in the report, never values)");
        }
        return new Cut(segments, screened, settings.filter().apply(screened.segments()));
    }

    /**
     * Processes a group of listed clips (a table's or a Kaldi folder's rows) together: see {@link ClipGroup}. Never
     * throws for a bad input.
     *
     * @return one outcome per clip, in the group's order
     */
    public List<RecordingOutcome> processClips(List<WorkItem> group, boolean force) {
        return new ClipGroup(settings, media, writer, reader, detector, aligners, this::tools, clipAudio).process(group, force);
    }

    /**
     * The rows of {@code rejected.jsonl} for one recording: segments left out for personal data (by kind, without
     * their text) and those the filters removed, with the rule and value.
     *
     * @param beforeScreening the segments before the personal-data screening
     * @param screened        what the screening kept and found
     */
    private static List<RejectedRow> rejectedRows(List<Segment> beforeScreening, Screening.Result screened,
                                                  SegmentFilter.Result filtered) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (Segment s : screened.segments()) kept.add(s.id());
        List<RejectedRow> rows = new ArrayList<>();
        for (Segment s : beforeScreening) {
            if (kept.contains(s.id())) continue;
            java.util.Set<String> kinds = new java.util.TreeSet<>();
            for (Screening.Reported f : screened.findings()) {
                if (f.charStart() < s.charEnd() && s.charStart() < f.charEnd() && !f.kind().endsWith("_probable")) kinds.add(f.kind());
            }
            rows.add(RejectedRow.of(s, SegmentFilter.Reason.personalData(kinds)));
        }
        for (SegmentFilter.Rejection r : filtered.rejected()) rows.add(RejectedRow.of(r.segment(), r.reason()));
        return rows;
    }

    /** Letters a second beyond any human speaking rate (fast speech runs at 15 to 25). */
    static final double MAX_LETTERS_PER_SECOND = 40;

    /**
     * Why the transcript is far longer than the recording's detected speech can hold, or {@code null} when it is not.
     */
    static String tooMuchText(List<TextUnit> units, double speechSeconds) {
        long letters = 0;
        for (TextUnit u : units) letters += u.text().codePoints().filter(Character::isLetterOrDigit).count();
        double rate = letters / Math.max(speechSeconds, 1e-3);
        if (rate <= MAX_LETTERS_PER_SECOND) return null;
        return String.format(java.util.Locale.ROOT, "the transcript is far longer than the audio can hold: %d letters "
                + "for %.1f s of detected speech is %.0f letters a second, and people speak at most about %.0f",
                letters, speechSeconds, rate, MAX_LETTERS_PER_SECOND);
    }

    /**
     * Why the transcript does not match the recording, when nothing of it was accepted because nothing could be
     * placed or every placed segment scored too low; else {@code null}.
     *
     * @param sentences the transcript's units
     * @param segments  the segments that reached the filters
     */
    private String mismatch(int sentences, Alignment alignment, int segments, SegmentFilter.Result filtered) {
        int placed = sentences - alignment.unaligned().size();
        if (placed <= 0 || alignment.spans().isEmpty()) {
            return "transcript does not match the audio: none of its " + sentences + " sentences could be placed";
        }
        SegmentFilter.Removed byScore = filtered.removed().get("score");
        if (!filtered.kept().isEmpty() || segments == 0 || byScore == null || byScore.segments() < segments) return null;
        String limit = java.math.BigDecimal.valueOf(settings.filter().minScore()).stripTrailingZeros().toPlainString();
        return alignment.unaligned().isEmpty()
                ? "transcript does not match the audio: all " + sentences + " sentences scored below " + limit
                : "transcript does not match the audio: all " + placed + " sentences placed scored below " + limit
                + ", and " + alignment.unaligned().size() + " could not be placed";
    }

    /**
     * Adds each segment's training text, and flags segments whose turn reads as another language than the
     * declared one (code-switching shows up turn by turn).
     */
    private List<Segment> withTrainingText(List<Segment> segments, Alignment alignment, Transcript transcript,
                                           List<String> warnings, LanguageTools tools) {
        LanguageCheck languageCheck = tools.check();
        String language = tools.language();
        java.util.Map<Integer, LanguageCheck.Detected> byTurn = new java.util.HashMap<>();
        if (languageCheck != null) {
            int mismatched = 0;
            for (int t = 0; t < transcript.turns().size(); t++) {
                LanguageCheck.Detected d = languageCheck.detect(transcript.turns().get(t).text());
                if (d == null) continue;
                byTurn.put(t, d);
                if (LanguageCheck.mismatch(d, language)) mismatched++;
            }
            if (mismatched > 0) {
                warnings.add(mismatched + " turn(s) read as another language than " + language
                        + " (their segments are flagged lang_mismatch)");
            }
        }
        // which turns each segment covers, through its units
        // by the character where each unit starts: a segment cut from a long sentence starts inside it
        java.util.TreeMap<Integer, Integer> turnOfChar = new java.util.TreeMap<>();
        for (var span : alignment.spans()) {
            for (var u : span.units()) turnOfChar.put(u.charStart(), u.turn());
        }
        List<Segment> out = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            TrainingText.Result r = tools.text().normalize(s.text());
            List<String> flags = new ArrayList<>(r.flags());
            var unitStart = turnOfChar.floorEntry(s.charStart());
            Integer turn = unitStart == null ? null : unitStart.getValue();
            LanguageCheck.Detected d = turn == null ? null : byTurn.get(turn);
            if (LanguageCheck.mismatch(d, language)) flags.add("lang_mismatch");
            out.add(s.withText(r.text(), r.events(), flags, d == null ? null : d.language()));
        }
        return out;
    }

    /**
     * The text stage's tools for one language.
     *
     * @param language  BCP 47 tag
     * @param text      training-text maker
     * @param screening personal-data screening (redaction makes training text)
     * @param check     language check, or {@code null} when turned off
     */
    record LanguageTools(String language, TrainingText text, Screening screening, LanguageCheck check) {
    }

    LanguageTools tools(String language) {
        return languageTools.computeIfAbsent(language, tag -> {
            TrainingText text = new TrainingText(tag, settings.text().casing(), settings.text().punctuation());
            Screening screening = new Screening(Screening.Policy.parse(settings.personalData()), t -> text.normalize(t).text());
            // a language the detector has no model for cannot be told apart: no check rather than false alarms
            LanguageCheck check = settings.text().detectLanguages().isEmpty()
                    || !LanguageCheck.AVAILABLE.contains(LanguageTags.primary(tag)) ? null
                    : new LanguageCheck(settings.text().detectLanguages(), tag);
            return new LanguageTools(tag, text, screening, check);
        });
    }

    /** SHA-256 of a transcript's words (letters and digits, lower case), so layout and punctuation do not count. */
    private static String wordsHash(Transcript transcript) {
        StringBuilder sb = new StringBuilder();
        for (var turn : transcript.turns()) {
            sb.append(turn.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", ""));
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the seconds since {@code t} under {@code stage} and returns now. */
    static long lap(java.util.Map<String, Double> stages, String stage, long t) {
        long now = System.nanoTime();
        stages.put(stage, round((now - t) / 1e9));
        return now;
    }

    static double secs(long t0) {
        return round((System.nanoTime() - t0) / 1e9);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
