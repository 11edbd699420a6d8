package org.samtal.run;

import org.samtal.align.AlignedSpan;
import org.samtal.align.Aligners;
import org.samtal.align.Alignment;
import org.samtal.align.AlignmentRequest;
import org.samtal.align.SegmentFilter;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.ManifestRow;
import org.samtal.corpus.RejectedRow;
import org.samtal.intake.Intake;
import org.samtal.intake.Submission;
import org.samtal.intake.WorkItem;
import org.samtal.media.ClipJoin;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;
import org.samtal.privacy.Screening;
import org.samtal.speech.SpeechDetector;
import org.samtal.speech.SpeechMap;
import org.samtal.text.LanguageTags;
import org.samtal.text.SpeakerIds;
import org.samtal.text.TranscriptReader;
import org.samtal.util.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The clips of a table of transcripts (or a Kaldi folder), checked rather than trusted. An aligner's placement and
 * score need a recording of many sentences (its margins compare each sentence's placement with the alternatives
 * around it; its recording factor needs several sentences), and one clip of one sentence has no alternatives. So a
 * group of clips is decoded, joined in the table's order into one work recording with {@link #PAUSE_SECONDS} of
 * room tone between them ({@link ClipJoin}), its sentences aligned with the normal aligner, and each placed
 * sentence mapped back to its own clip: it is accepted for a clip only when its placement lies inside that clip's
 * span in the join and its score passes the filters. The segment is cut from the clip itself (the manifest's
 * {@code source} is the clip, {@code start} and {@code end} lie inside it). Engines and models start once a group.
 */
final class ClipGroup {
    /** Room tone between clips in the work recording, seconds. */
    static final double PAUSE_SECONDS = 0.5;
    /** Most clips in one group. */
    static final int MAX_CLIPS = 100;
    /** Most audio in one group, seconds. */
    static final double MAX_SECONDS = 600;
    /** Audio kept around a clip's speech in its segment, seconds (as segmentation keeps). */
    private static final double MARGIN_SECONDS = 0.15;
    /** How far a placement may reach past its clip's span in the join (the crossfade), seconds. */
    private static final double TOLERANCE_SECONDS = 0.05;
    /**
     * Highest ratio of a clip's own text's distance to its audio over that of the best-fitting text of the clips
     * around it in the table: the aligner places texts in order, so texts of neighbouring rows swapped land on each
     * other's clips; then a neighbour's text fits better than the clip's own.
     */
    static final double MAX_NEIGHBOUR_FIT = 1.02;
    /** Clips either side whose texts are compared with a clip's own. */
    private static final int NEIGHBOURS = 2;
    /** A clip whose speech reaches this close to its end was cut off, seconds. */
    private static final double CUT_OFF_SECONDS = 0.03;
    /** Longest row a table may map to one text, seconds: longer ones are recordings, not clips. */
    static final double MAX_CLIP_SECONDS = 60;
    /** Shortest clip worth aligning, seconds. */
    private static final double MIN_CLIP_SECONDS = 0.3;

    private final BuildSettings settings;
    private final Media media;
    private final CorpusWriter writer;
    private final TranscriptReader reader;
    private final SpeechDetector detector;
    private final Aligners aligners;
    private final Function<String, RecordingPipeline.LanguageTools> tools;
    /**
     * Decoded files, kept from one group to the next while they are still needed: a Kaldi {@code segments} file
     * cuts many groups from one long recording, which is decoded once.
     */
    private final Map<Path, DecodedAudio> decoded;

    ClipGroup(BuildSettings settings, Media media, CorpusWriter writer, TranscriptReader reader, SpeechDetector detector,
              Aligners aligners, Function<String, RecordingPipeline.LanguageTools> tools, Map<Path, DecodedAudio> decoded) {
        this.settings = settings;
        this.media = media;
        this.writer = writer;
        this.reader = reader;
        this.detector = detector;
        this.aligners = aligners;
        this.tools = tools;
        this.decoded = decoded;
    }

    /**
     * Splits listed items into groups: runs of consecutive rows of one table and language, each run cut into as few
     * groups of about equal size as keep every group within {@link #MAX_CLIPS} clips and {@link #MAX_SECONDS} of
     * stretches of longer recordings, each cut where a speaker changes when one lies near (the neighbour check
     * compares clips within a group, and rows swapped by mistake are mostly one reader's).
     */
    static List<List<WorkItem>> groups(List<WorkItem> listed, String defaultLanguage) {
        List<List<WorkItem>> runs = new ArrayList<>();
        for (WorkItem w : listed) {
            List<WorkItem> run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (run == null || !run.get(0).listed().source().equals(w.listed().source())
                    || !language(run.get(0), defaultLanguage).equals(language(w, defaultLanguage))) {
                runs.add(run = new ArrayList<>());
            }
            run.add(w);
        }
        List<List<WorkItem>> out = new ArrayList<>();
        for (List<WorkItem> run : runs) {
            double seconds = run.stream().mapToDouble(ClipGroup::stretch).sum();
            int parts = (int) Math.max(Math.ceil((double) run.size() / MAX_CLIPS), Math.ceil(seconds / MAX_SECONDS));
            int from = 0;
            for (int p = 1; p <= parts; p++) {
                int target = (int) Math.round((double) run.size() * p / parts);
                int cut = target;
                int reach = Math.max(1, run.size() / parts / 4);
                for (int d = 0; d <= reach && p < parts; d++) {
                    if (speakerChange(run, target - d)) {
                        cut = target - d;
                        break;
                    }
                    if (speakerChange(run, target + d) && target + d - from <= MAX_CLIPS) {
                        cut = target + d;
                        break;
                    }
                }
                if (cut > from) out.add(new ArrayList<>(run.subList(from, cut)));
                from = Math.max(from, cut);
            }
            if (from < run.size()) out.add(new ArrayList<>(run.subList(from, run.size())));
        }
        return out;
    }

    private static double stretch(WorkItem w) {
        return w.listed().wholeFile() ? 0 : w.listed().to() - w.listed().from();
    }

    /** Whether row {@code i} has another speaker than row {@code i - 1}. */
    private static boolean speakerChange(List<WorkItem> run, int i) {
        return i > 0 && i < run.size() && !java.util.Objects.equals(run.get(i - 1).listed().speaker(), run.get(i).listed().speaker());
    }

    /** The language of a row: its own column, else its submission's, else the build's. */
    static String language(WorkItem w, String defaultLanguage) {
        if (w.listed().language() != null) return w.listed().language();
        if (w.delivery() != null && w.delivery().language() != null) return w.delivery().language();
        return defaultLanguage == null ? "" : defaultLanguage;
    }

    /** One clip of the group as it goes through: its item, ids, audio, and what became of it. */
    private static final class Member {
        final WorkItem item;
        String recordingId;
        String sha;
        String textSha;
        DecodedAudio audio;
        short[] pcm;
        int joinStart;
        int turn = -1;
        /** Own text's distance to the clip's audio over the nearest neighbour text's (0 when not measured). */
        double neighbourFit;
        RecordingOutcome outcome;

        Member(WorkItem item) {
            this.item = item;
        }

        String input() {
            return item.media().toString();
        }

        String transcript() {
            return item.listed().source().toString();
        }
    }

    /** Processes one group. Never throws for a bad input: each clip's outcome says what became of it. */
    List<RecordingOutcome> process(List<WorkItem> group, boolean force) {
        long t0 = System.nanoTime();
        List<Member> members = group.stream().map(Member::new).toList();
        String language;
        try {
            language = LanguageTags.validate(language(group.get(0), settings.language()));
        } catch (IllegalArgumentException e) {
            for (Member m : members) m.outcome = RecordingOutcome.failed(m.input(), m.transcript(), null,
                    m.item.listed().source() + ": the language of " + m.item.media().getFileName() + " " + e.getMessage()
                            + " (give --lang, or fix the table's language column or submission.json)", 0);
            return outcomes(members);
        }
        Map<Path, String> shas = new HashMap<>();
        DecodedAudio joined = null;
        try {
            for (Member m : members) {
                if (m.item.refused() != null) {
                    m.outcome = RecordingOutcome.failed(m.input(), m.transcript(), null, m.item.refused(), 0);
                    continue;
                }
                try {
                    m.sha = shas.computeIfAbsent(m.item.media(), Hashes::sha256);
                } catch (RuntimeException e) {
                    m.outcome = RecordingOutcome.failed(m.input(), m.transcript(), null, m.item.listed().source() + " lists "
                            + m.item.media() + ", which cannot be read (" + e.getMessage() + "); deliver it or remove the row", 0);
                    continue;
                }
                m.recordingId = recordingId(m);
                m.textSha = textSha(m.item.listed());
            }
            String key = groupKey(members, language);
            if (!force) {
                List<RecordingOutcome> earlier = earlier(key, members, language);
                if (earlier != null) return earlier;
            }
            Map<String, Double> stages = new LinkedHashMap<>();
            long t = System.nanoTime();
            for (Member m : members) {
                if (m.outcome != null) continue;
                try {
                    DecodedAudio a = decoded.get(m.item.media());
                    if (a == null) {
                        a = media.decode(m.item.media(), new DecodeOptions(DecodeOptions.SPEECH_RATE, settings.audioStream(), true),
                                writer.workDir(), null);
                        decoded.put(m.item.media(), a);
                    }
                    m.audio = a;
                    WorkItem.Listed l = m.item.listed();
                    long from = l.wholeFile() ? 0 : a.sampleAt(l.from());
                    long to = l.wholeFile() ? a.numSamples() : a.sampleAt(l.to());
                    if (!l.wholeFile() && l.to() > a.duration() + 0.05) {
                        m.outcome = fail(m, "cut-off audio: its segment ends at " + l.to() + " s, but the recording is "
                                + round(a.duration()) + " s long");
                        continue;
                    }
                    if (to - from > MAX_CLIP_SECONDS * a.sampleRate()) {
                        // a whole recording, not a clip of a sentence or two: its text needs sentence by sentence
                        // segmentation, which the recording pipeline gives a transcript file of its own
                        m.outcome = fail(m, String.format(java.util.Locale.ROOT, "%.1f min long: not a short clip (at "
                                + "most %d s); give it a transcript file of its own (%s.txt beside it) to build it as a "
                                + "recording", (to - from) / (60.0 * a.sampleRate()), Math.round(MAX_CLIP_SECONDS),
                                Intake.stem(m.item.media())));
                        continue;
                    }
                    m.pcm = ClipJoin.withoutDc(a.read(0, from, to));
                    if (m.pcm.length < MIN_CLIP_SECONDS * a.sampleRate()) {
                        m.outcome = fail(m, "empty audio: " + round((double) m.pcm.length / a.sampleRate()) + " s");
                    }
                } catch (MediaException e) {
                    m.outcome = RecordingOutcome.failed(m.input(), m.transcript(), m.recordingId, e.getMessage(), 0);
                }
            }
            t = RecordingPipeline.lap(stages, "decode", t);
            List<Member> live = members.stream().filter(m -> m.outcome == null).toList();
            if (live.isEmpty()) return outcomes(members);
            int rate = DecodeOptions.SPEECH_RATE;
            int pause = (int) Math.round(PAUSE_SECONDS * rate);
            int[] pauses = new int[live.size() + 1];
            java.util.Arrays.fill(pauses, pause);
            List<short[]> pcm = live.stream().map(m -> m.pcm).toList();
            ClipJoin.Joined join = ClipJoin.join(pcm, pcm, rate, pauses);
            joined = write(join.pcm(), rate);
            List<Turn> turns = new ArrayList<>();
            int offset = 0;
            for (int i = 0; i < live.size(); i++) {
                Member m = live.get(i);
                m.joinStart = join.starts()[i];
                m.turn = i;
                String text = m.item.listed().text();
                turns.add(Turn.of(speakerId(m.item), text, offset));
                offset += text.length() + 1;
            }
            Transcript transcript = new Transcript(group.get(0).listed().source(), "table", turns, List.of());
            List<TextUnit> units = reader.units(transcript, language);
            Recording work = new Recording("clips-" + live.get(0).recordingId, group.get(0).listed().source(),
                    live.get(0).sha, joined.duration(), rate, 1, language);
            SpeechMap speech = detector.detect(joined, 0);
            t = RecordingPipeline.lap(stages, "speech_detection", t);
            Aligners.Choice choice = aligners.choose(settings.aligner(), language, false);
            t = RecordingPipeline.lap(stages, "engine_setup", t);
            // each clip's text is known to be in that clip: the aligner keeps it there
            java.util.Map<Integer, double[]> windows = new java.util.HashMap<>();
            for (TextUnit u : units) {
                Member m = live.get(u.turn());
                double at = (double) m.joinStart / rate;
                windows.put(u.index(), new double[]{at, at + (double) m.pcm.length / rate});
            }
            Alignment alignment = choice.chosen().align(new AlignmentRequest(work, joined, 0, speech, units, turns, windows));
            t = RecordingPipeline.lap(stages, "alignment", t);
            RecordingPipeline.LanguageTools languageTools = tools.apply(language);
            double[] fit = alignment.engine().equals(org.samtal.align.SyntheticAligner.NAME)
                    ? neighbourFit(live, units, alignment, joined, language) : new double[live.size()];
            t = RecordingPipeline.lap(stages, "neighbour_check", t);
            for (int i = 0; i < live.size(); i++) {
                live.get(i).neighbourFit = fit[i];
                live.get(i).outcome = accept(live.get(i), units, alignment, speech, language, languageTools, rate);
            }
            RecordingPipeline.lap(stages, "clip_writing", t);
            // the group's stages once, on its first clip, so the report's sums stay true
            Member first = live.get(0);
            // the lines on the group go among the first clip's; the outcome sorts them into warnings and notes
            List<String> warnings = new ArrayList<>(first.outcome.warnings());
            warnings.add(RecordingOutcome.CLIPS_JOINED + (live.size() - 1) + " other clip(s) of " + first.item.listed().source().getFileName()
                    + " joined with " + PAUSE_SECONDS + " s of room tone (columns " + first.item.listed().columns() + ")");
            if (choice.note() != null) warnings.add(choice.note());
            RecordingOutcome o = first.outcome;
            first.outcome = new RecordingOutcome(o.input(), o.transcript(), o.status(), o.message(), o.recordingId(),
                    o.aligner(), o.audioSeconds(), o.speechSeconds(), o.segments(), o.segmentSeconds(), o.unalignedUnits(),
                    o.removed(), warnings, o.notes(), stages, o.personalData(), RecordingPipeline.secs(t0));
            remember(key, members);
            return outcomes(members);
        } catch (RuntimeException e) {
            org.samtal.util.DiskFullException full = org.samtal.util.DiskFullException.in(e);
            if (full != null) throw new UncheckedIOException(full.getMessage(), full);
            for (Member m : members) {
                if (m.outcome == null) m.outcome = RecordingOutcome.failed(m.input(), m.transcript(), m.recordingId,
                        m.item.media() + ": internal error (" + e + ") while aligning its group of clips; please report it", 0);
            }
            return outcomes(members);
        } finally {
            // only the group's last file can be the next group's first
            Path last = group.get(group.size() - 1).media();
            decoded.entrySet().removeIf(e -> {
                if (e.getKey().equals(last) && !group.get(group.size() - 1).listed().wholeFile()) return false;
                e.getValue().delete();
                return true;
            });
            if (joined != null) joined.delete();
        }
    }

    /**
     * For each clip, its own text's distance to its placed audio (DTW over MFCCs of espeak-ng's speech, each
     * normalised as the synthetic aligner does) over the smallest distance of the texts of the {@link #NEIGHBOURS}
     * clips either side (stretched to the own text's length, so length does not decide); 0 where not measured.
     */
    private double[] neighbourFit(List<Member> live, List<TextUnit> units, Alignment alignment, DecodedAudio joined,
                                  String language) {
        double[] out = new double[live.size()];
        org.samtal.synth.Espeak espeak = new org.samtal.synth.Espeak(media, writer.workDir());
        String voice = espeak.voiceFor(language);
        if (voice == null || live.size() < 2) return out;
        org.samtal.speech.Features features = new org.samtal.speech.Features(0.02, 13);
        List<String> texts = live.stream().map(m -> m.item.listed().text()).toList();
        org.samtal.synth.SyntheticSpeech syn = espeak.speakUnits(texts, voice, 175, joined.sampleRate(), 0.25);
        org.samtal.speech.FeatureMatrix synth = features.mfcc(syn.pcm(), syn.sampleRate()).normalized();
        org.samtal.speech.FeatureMatrix real = features.mfcc(joined, 0).normalized();
        List<org.samtal.speech.FeatureMatrix> said = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            int from = synth.frameAt(syn.unitStart()[i]);
            said.add(synth.slice(from, Math.max(from + 1, Math.min(synth.frames(), synth.frameAt(syn.unitEnd()[i]) + 1))).pooled(2));
        }
        List<org.samtal.speech.FeatureMatrix> heard = new ArrayList<>();
        for (Member m : live) {
            List<AlignedSpan> spans = alignment.spans().stream()
                    .filter(s -> s.units().stream().anyMatch(u -> u.turn() == m.turn)).toList();
            double start;
            double end;
            if (spans.isEmpty()) {
                // its text found no audio (as a text swapped onto it may not): its neighbours' texts are still
                // weighed against it, on the clip's own speech
                int[] edges = ClipJoin.speechEdges(m.pcm, joined.sampleRate());
                if (edges[1] <= edges[0]) {
                    heard.add(null);
                    continue;
                }
                start = (double) (m.joinStart + edges[0]) / joined.sampleRate();
                end = (double) (m.joinStart + edges[1]) / joined.sampleRate();
            } else {
                start = spans.stream().mapToDouble(AlignedSpan::start).min().orElseThrow();
                end = spans.stream().mapToDouble(AlignedSpan::end).max().orElseThrow();
            }
            int from = real.frameAt(start);
            heard.add(real.slice(from, Math.max(from + 1, Math.min(real.frames(), real.frameAt(end) + 1))).pooled(2));
        }
        // d[i][j - i + NEIGHBOURS]: clip i's audio against clip j's text
        double[][] d = new double[live.size()][2 * NEIGHBOURS + 1];
        for (int i = 0; i < live.size(); i++) {
            for (int j = Math.max(0, i - NEIGHBOURS); j <= Math.min(live.size() - 1, i + NEIGHBOURS); j++) {
                d[i][j - i + NEIGHBOURS] = heard.get(i) == null ? Double.NaN
                        : org.samtal.align.Dtw.meanPathDistance(heard.get(i), said.get(j));
            }
        }
        for (int i = 0; i < live.size(); i++) {
            double worst = 0;
            for (int j = Math.max(0, i - NEIGHBOURS); j <= Math.min(live.size() - 1, i + NEIGHBOURS); j++) {
                if (j == i || texts.get(j).equalsIgnoreCase(texts.get(i))) continue;
                // the pair as the table has it against the pair swapped: each audio and each text counts once on
                // both sides, so a voice far from every synthetic text, or a text near every voice, cancels out
                double asGiven = d[i][NEIGHBOURS] + d[j][NEIGHBOURS];
                double swapped = d[i][j - i + NEIGHBOURS] + d[j][i - j + NEIGHBOURS];
                if (!Double.isNaN(asGiven) && !Double.isNaN(swapped)) worst = Math.max(worst, asGiven / swapped);
            }
            out[i] = worst;
        }
        return out;
    }

    /**
     * Maps a clip's sentences back from the join: accepted only when each lies inside the clip's span and the
     * segment passes the filters; the segment is cut from the clip's own audio.
     */
    private RecordingOutcome accept(Member m, List<TextUnit> units, Alignment alignment, SpeechMap speech, String language,
                                    RecordingPipeline.LanguageTools tools, int rate) {
        long t0 = System.nanoTime();
        List<TextUnit> own = units.stream().filter(u -> u.turn() == m.turn).toList();
        double clipStart = (double) m.joinStart / rate;
        double clipEnd = clipStart + (double) m.pcm.length / rate;
        double clipSeconds = (double) m.pcm.length / rate;
        double speechSeconds = speech.regions().stream().mapToDouble(r -> Math.max(0, Math.min(r.end(), clipEnd)
                - Math.max(r.start(), clipStart))).sum();
        if (own.isEmpty()) return fail(m, "its text has no words");
        int[] edges = ClipJoin.speechEdges(m.pcm, rate);
        if (m.pcm.length - edges[1] < CUT_OFF_SECONDS * rate) {
            // sound at the level of speech up to the last samples: the recording stopped mid-word
            return fail(m, "cut-off audio: its speech runs to the clip's last " + Math.round(CUT_OFF_SECONDS * 1000) + " ms");
        }
        if (speechSeconds < 0.1) return fail(m, "empty audio: no speech found in the clip (silent or only noise)");
        List<AlignedSpan> spans = alignment.spans().stream()
                .filter(s -> s.units().stream().anyMatch(u -> u.turn() == m.turn)).toList();
        long unplaced = own.stream().filter(u -> alignment.unaligned().stream().anyMatch(x -> x.index() == u.index())).count();
        if (spans.isEmpty() || unplaced > 0) {
            return fail(m, "not placed: " + (spans.isEmpty() ? "its text found no audio" : unplaced + " of its " + own.size()
                    + " sentences found no audio") + " (is this the clip's text?)");
        }
        double start = spans.stream().mapToDouble(AlignedSpan::start).min().orElseThrow();
        double end = spans.stream().mapToDouble(AlignedSpan::end).max().orElseThrow();
        if (spans.stream().anyMatch(s -> s.units().stream().anyMatch(u -> u.turn() != m.turn))
                || start < clipStart - TOLERANCE_SECONDS || end > clipEnd + TOLERANCE_SECONDS) {
            return fail(m, String.format(java.util.Locale.ROOT, "not placed in its own clip: its text was placed at %.2f-%.2f s "
                    + "of the joined clips, the clip lies at %.2f-%.2f s (is this the clip's text?)", start, end, clipStart, clipEnd));
        }
        if (m.neighbourFit >= MAX_NEIGHBOUR_FIT) {
            return fail(m, String.format(java.util.Locale.ROOT, "its text fits the clip no better than the text of a clip "
                    + "beside it in the table (distance ratio %.3f; are the texts of neighbouring rows swapped?)", m.neighbourFit));
        }
        double score = spans.stream().mapToDouble(AlignedSpan::score).min().orElseThrow();
        // times inside the delivered file: the clip's own, or the stretch's within its recording
        double base = m.item.listed().wholeFile() ? 0 : m.item.listed().from();
        double speechStart = Math.max(0, start - clipStart);
        double speechEnd = Math.min(clipSeconds, end - clipStart);
        double segStart = base + Math.max(0, speechStart - MARGIN_SECONDS);
        double segEnd = base + Math.min(clipSeconds, speechEnd + MARGIN_SECONDS);
        String text = m.item.listed().text();
        Map<String, Double> metrics = new HashMap<>(spans.get(0).metrics());
        if (m.neighbourFit > 0) metrics.put("neighbour_fit", m.neighbourFit);
        // a clip whose table names no speaker is its own (the manifest's rule for a transcript without speakers)
        String speaker = speakerId(m.item) == null ? m.recordingId : speakerId(m.item);
        Segment seg = new Segment(org.samtal.align.Segmenter.segmentId(m.recordingId, 0, segStart), m.recordingId, 0,
                segStart, segEnd, base + speechStart, base + speechEnd, speaker, text, language, alignment.engine(),
                Math.max(0, Math.min(1, score)), 0, text.length(), metrics, null, null, null, null, null,
                clipWords(alignment, spans, clipStart, base));
        var normalized = tools.text().normalize(text);
        seg = seg.withText(normalized.text(), normalized.events(), normalized.flags(), null);
        Transcript clipTranscript = new Transcript(m.item.listed().source(), "table",
                List.of(Turn.of(speakerId(m.item), text, 0)), List.of());
        Screening.Result screened = tools.screening().apply(clipTranscript, List.of(seg),
                reader.units(clipTranscript, language), Map.of());
        SegmentFilter.Result filtered = settings.filter().apply(screened.segments());
        List<RejectedRow> rejected = new ArrayList<>();
        if (screened.segments().isEmpty()) rejected.add(RejectedRow.of(seg, SegmentFilter.Reason.personalData(
                screened.findings().stream().map(Screening.Reported::kind).toList())));
        for (SegmentFilter.Rejection r : filtered.rejected()) rejected.add(RejectedRow.of(r.segment(), r.reason()));
        writer.writeRejected(m.recordingId, rejected);
        Recording rec = new Recording(m.recordingId, m.item.media(), m.sha, m.audio.duration(), rate, 1, language);
        if (filtered.kept().isEmpty()) {
            String why = screened.segments().isEmpty() ? "personal data in its text (left out)"
                    : describe(filtered.rejected().get(0).reason());
            return new RecordingOutcome(m.input(), m.transcript(), RecordingOutcome.FAILED, m.item.media() + ": "
                    + (filtered.rejected().isEmpty() ? why : "rejected: " + why) + " (the segment is in rejected.jsonl)",
                    m.recordingId, alignment.engine(), round(clipSeconds), round(speechSeconds), 0, 0, 0, filtered.removed(),
                    List.of(), List.of(), Map.of(), screened.findings(), RecordingPipeline.secs(t0));
        }
        CorpusWriter.DoneMarker marker = new CorpusWriter.DoneMarker(m.recordingId, m.sha, m.textSha, settings.configHash(),
                language, filtered.kept().size(), m.item.media().toAbsolutePath().toString());
        List<ManifestRow> rows = writer.writeRecording(rec, m.item.listed().source(), filtered.kept(), m.audio, marker,
                delivery(m.item, language), screened.silences());
        return new RecordingOutcome(m.input(), m.transcript(), RecordingOutcome.OK, rows.size() + " segments", m.recordingId,
                alignment.engine(), round(clipSeconds), round(speechSeconds), rows.size(),
                round(rows.stream().mapToDouble(ManifestRow::duration).sum()), 0, filtered.removed(), List.of(), List.of(), Map.of(),
                screened.findings(), RecordingPipeline.secs(t0));
    }

    private static String describe(SegmentFilter.Reason r) {
        if (r.value() == null) return r.rule();
        String what = switch (r.rule()) {
            case "score" -> "score " + r.value() + " below " + r.limit() + " (its text does not match its audio well enough)";
            case "duration" -> "duration " + r.value() + " s outside the limit " + r.limit() + " s";
            default -> r.rule() + " " + r.value() + " (limit " + r.limit() + ")";
        };
        return what;
    }

    private RecordingOutcome fail(Member m, String why) {
        return RecordingOutcome.failed(m.input(), m.transcript(), m.recordingId, m.item.media() + ": " + why, 0);
    }

    /**
     * What the group's clips became in an earlier build of the same clips, texts and settings, or {@code null} when
     * it must be built: the clips accepted then are skipped (their parts are complete), those that failed fail again
     * with the same reason without being aligned again (the alignment of a group is the same every time).
     */
    private List<RecordingOutcome> earlier(String key, List<Member> members, String language) {
        Path record = groupRecord(key);
        if (!Files.isRegularFile(record)) return null;
        Map<String, RecordingOutcome> failed = new HashMap<>();
        try {
            for (RecordingOutcome o : org.samtal.util.Json.mapper().readValue(record.toFile(), RecordingOutcome[].class)) {
                failed.put(o.recordingId(), o);
            }
        } catch (IOException e) {
            return null; // unreadable: build the group again
        }
        List<RecordingOutcome> out = new ArrayList<>();
        for (Member m : members) {
            if (m.outcome != null) {
                out.add(m.outcome);
            } else if (failed.containsKey(m.recordingId)) {
                RecordingOutcome o = failed.get(m.recordingId);
                out.add(new RecordingOutcome(o.input(), o.transcript(), o.status(), o.message(), o.recordingId(), o.aligner(),
                        o.audioSeconds(), o.speechSeconds(), 0, 0, o.unalignedUnits(), o.removed(), List.of(), List.of(), Map.of(),
                        o.personalData(), 0));
            } else if (built(m, language)) {
                out.add(new RecordingOutcome(m.input(), m.transcript(), RecordingOutcome.SKIPPED, "already built",
                        m.recordingId, null, 0, 0, writer.finished(m.recordingId).segments(), 0, 0, Map.of(), List.of(),
                        List.of(), Map.of(), List.of(), 0));
            } else {
                return null;
            }
        }
        return out;
    }

    /** Keeps the outcomes of the group's failed clips, so a rerun with nothing changed does not align it again. */
    private void remember(String key, List<Member> members) {
        List<RecordingOutcome> failed = members.stream().map(m -> m.outcome)
                .filter(o -> o.status().equals(RecordingOutcome.FAILED) && o.recordingId() != null).toList();
        try {
            Path record = groupRecord(key);
            org.samtal.util.AtomicFiles.createDirectories(record.getParent());
            org.samtal.util.AtomicFiles.write(record, o -> org.samtal.util.Json.mapper().writeValue(o, failed));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + groupRecord(key) + ": " + e.getMessage(), e);
        }
    }

    private Path groupRecord(String key) {
        return writer.store().clipGroupRecord(key);
    }

    /** What decides a group's alignment: its clips' audio, texts and times, the settings and the language. */
    private String groupKey(List<Member> members, String language) {
        StringBuilder sb = new StringBuilder(settings.configHash()).append(' ').append(language);
        for (Member m : members) {
            sb.append('\n').append(m.sha).append(' ').append(m.textSha).append(' ').append(m.item.listed().from())
                    .append(' ').append(m.item.listed().to()).append(' ').append(m.item.refused() != null);
        }
        return sha256(sb.toString()).substring(0, 32);
    }

    /** Whether a clip was built before from the same audio, text and settings. */
    private boolean built(Member m, String language) {
        CorpusWriter.DoneMarker previous = writer.finished(m.recordingId);
        return previous != null && previous.sourceSha256().equals(m.sha) && previous.transcriptSha256().equals(m.textSha)
                && previous.configHash().equals(settings.configHash()) && language.equals(previous.language());
    }

    /** A clip's id: the file's; a stretch of a longer recording adds its utterance id. */
    private static String recordingId(Member m) {
        WorkItem.Listed l = m.item.listed();
        if (l.wholeFile()) return Intake.recordingId(m.item.media(), m.sha);
        return Intake.recordingId(Path.of(l.id()), sha256(m.sha + " " + l.from() + " " + l.to()));
    }

    /** What of a row decides its segment: text and speaker data (so an edited row rebuilds its clip). */
    private static String textSha(WorkItem.Listed l) {
        return sha256(String.join("\u0000", l.text(), String.valueOf(l.speaker()), String.valueOf(l.gender()),
                String.valueOf(l.age()), String.valueOf(l.dialect()), String.valueOf(l.language())));
    }

    /**
     * The speaker id of a row: the table's speaker with the table's folder before it (a table's {@code 000004}
     * means one person in that table only); LJSpeech has one reader; without a speaker column, each clip its own.
     */
    static String speakerId(WorkItem w) {
        WorkItem.Listed l = w.listed();
        Path dir = l.source().toAbsolutePath().normalize().getParent();
        String folder = dir == null || dir.getFileName() == null ? "table" : dir.getFileName().toString();
        if (l.speaker() == null) return l.shape().equals("ljspeech") ? SpeakerIds.of(folder) : null;
        return SpeakerIds.of(folder + "-" + l.speaker());
    }

    /** The row's delivery, with its speaker's gender, age and dialect from the table. */
    private static WorkItem.Delivery delivery(WorkItem w, String language) {
        WorkItem.Delivery d = w.delivery();
        Map<String, Submission.Speaker> speakers = new HashMap<>(d == null ? Map.of() : d.speakers());
        String id = speakerId(w);
        WorkItem.Listed l = w.listed();
        if (id != null && (l.gender() != null || l.age() != null || l.dialect() != null)) {
            Submission.Speaker declared = speakers.get(id);
            speakers.put(id, new Submission.Speaker(l.speaker(), l.gender() != null ? l.gender() : declared == null ? null : declared.gender(),
                    l.age() != null ? l.age() : declared == null ? null : declared.ageRange(),
                    l.dialect() != null ? l.dialect() : declared == null ? null : declared.dialect(),
                    declared == null ? null : declared.global()));
        }
        if (d == null) return new WorkItem.Delivery(null, null, null, null, language, speakers);
        return new WorkItem.Delivery(d.partner(), d.submission(), d.track(), d.licence(), d.language(), speakers);
    }

    private DecodedAudio write(short[] pcm, int rate) {
        try {
            Files.createDirectories(writer.workDir());
            Path file = Files.createTempFile(writer.workDir(), "clips-", ".pcm");
            ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            buf.asShortBuffer().put(pcm);
            Files.write(file, buf.array());
            return new DecodedAudio(List.of(file), rate, pcm.length);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the joined clips to " + writer.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static List<RecordingOutcome> outcomes(List<Member> members) {
        return members.stream().map(m -> m.outcome).toList();
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** The clip's words, from the join's time to the delivered file's; none unless every unit's words were timed. */
    private static List<org.samtal.model.WordTime> clipWords(Alignment alignment, List<AlignedSpan> spans, double clipStart,
                                                             double base) {
        List<org.samtal.model.WordTime> out = new ArrayList<>();
        for (AlignedSpan sp : spans) {
            for (var u : sp.units()) {
                List<org.samtal.model.WordTime> w = alignment.words().get(u.index());
                if (w == null || w.isEmpty()) return List.of();
                for (var x : w) {
                    double a = Math.max(0, x.start() - clipStart);
                    out.add(new org.samtal.model.WordTime(x.word(), round(base + a), round(base + Math.max(a, x.end() - clipStart))));
                }
            }
        }
        return out;
    }
}
