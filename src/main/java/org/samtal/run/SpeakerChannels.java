package org.samtal.run;

import org.samtal.align.AlignedSpan;
import org.samtal.align.Aligner;
import org.samtal.align.Alignment;
import org.samtal.align.AlignmentRequest;
import org.samtal.align.SegmentationPolicy;
import org.samtal.align.Segmenter;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.MediaInfo;
import org.samtal.model.Recording;
import org.samtal.model.Segment;
import org.samtal.model.TextUnit;
import org.samtal.model.Turn;
import org.samtal.model.WordTime;
import org.samtal.speech.SpeechDetector;
import org.samtal.speech.SpeechMap;
import org.samtal.speech.SpeechRegion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Conversations recorded one speaker per channel (telephone and studio interviews). In a mono mix every clip
 * carries the other speaker's crosstalk and overlapping speech is cut; on their own channel a speaker's turns stand
 * alone, the other speaker only leaking through far below. So: each placed turn's level is measured on every channel
 * (from the alignment of the mono mix); when each speaker is clearly louder on one channel, or when told to
 * ({@code --channels split}), each speaker's turns are aligned again on their own channel, with the stretches where
 * another channel is far louder (crosstalk) taken out of its speech, and their clips are cut from it.
 */
final class SpeakerChannels {
    /** The three ways a recording of several channels is taken. */
    static final List<String> MODES = List.of("auto", "split", "mix");
    /**
     * A speaker whose turns are at least this much louder on one channel than on every other has a channel of their
     * own, dB. A stereo mix of one room has both speakers within a few dB on both channels; one speaker per
     * channel leaks 20 dB and more below.
     */
    static final double OWN_CHANNEL_DB = 10;
    /** A frame this much quieter on a channel than on another is the other's crosstalk there, not speech, dB. */
    static final double CROSSTALK_DB = 12;

    private final Media media;
    private final SpeechDetector detector;
    private final SegmentationPolicy segmentation;
    private final int audioStream;
    private final Path workDir;

    SpeakerChannels(Media media, SpeechDetector detector, SegmentationPolicy segmentation, int audioStream, Path workDir) {
        this.media = media;
        this.detector = detector;
        this.segmentation = segmentation;
        this.audioStream = audioStream;
        this.workDir = workDir;
    }

    /**
     * What became of a recording's channels.
     *
     * @param audio     every channel decoded, to cut the clips from; {@code null} when the mono mix is used
     * @param alignment every channel's placements together (as the mono alignment when not split)
     * @param segments  each speaker's segments on their own channel (empty when not split)
     * @param note      what the report says of the channels, or {@code null} (a mono file)
     */
    record Split(DecodedAudio audio, Alignment alignment, List<Segment> segments, String note) {
        boolean split() {
            return audio != null;
        }
    }

    /**
     * Splits a recording's speakers onto their channels when each has one of their own ({@code auto}) or always
     * ({@code split}); with {@code mix}, or a mono file, the mono alignment stands.
     *
     * @param mono the alignment of the mono mix (its placements tell which channel each speaker is loudest on)
     */
    Split split(String mode, Path file, Recording rec, List<TextUnit> units, List<Turn> turns, Alignment mono,
                Aligner aligner) {
        MediaInfo info = media.probe(file);
        int channels = info.audioStreams().size() > audioStream ? info.audioStreams().get(audioStream).channels() : 1;
        if (channels < 2) return new Split(null, mono, List.of(), null);
        if (mode.equals("mix")) return new Split(null, mono, List.of(), channels + " channels mixed to mono (--channels mix)");
        if (units.stream().anyMatch(u -> u.speaker() == null)) {
            return new Split(null, mono, List.of(), channels + " channels mixed to mono: the transcript names no speakers"
                    + " to put on channels" + (mode.equals("split") ? " (--channels split needs speaker labels)" : ""));
        }
        DecodedAudio audio = media.decode(file, new DecodeOptions(DecodeOptions.SPEECH_RATE, audioStream, false), workDir, null);
        boolean keep = false;
        try {
            float[][] levels = new float[channels][];
            for (int c = 0; c < channels; c++) levels[c] = detector.levels(audio, c);
            double hop = detector.settings().hopSeconds();
            Map<String, double[]> loudness = speakerLevels(mono.spans(), levels, hop);
            Map<String, Integer> channelOf = new TreeMap<>();
            double weakest = Double.POSITIVE_INFINITY;
            for (var e : loudness.entrySet()) {
                int best = argmax(e.getValue());
                channelOf.put(e.getKey(), best);
                weakest = Math.min(weakest, separation(e.getValue(), best));
            }
            boolean own = channelOf.size() >= 2 && channelOf.values().stream().distinct().count() >= 2
                    && weakest >= OWN_CHANNEL_DB && channelOf.size() == units.stream().map(TextUnit::speaker).distinct().count();
            String who = describe(channelOf, loudness);
            if (!own && !mode.equals("split")) {
                return new Split(null, mono, List.of(), channels + " channels mixed to mono: the speakers are not on "
                        + "channels of their own (" + who + "; --channels split splits them anyway)");
            }
            // a speaker the mono alignment placed nowhere: on the first channel
            for (TextUnit u : units) channelOf.putIfAbsent(u.speaker(), 0);
            List<AlignedSpan> spans = new ArrayList<>();
            List<TextUnit> unaligned = new ArrayList<>();
            Map<Integer, float[]> charTimes = new HashMap<>();
            Map<Integer, String> placedBy = new HashMap<>();
            Map<Integer, List<WordTime>> words = new HashMap<>();
            Map<String, Double> metrics = new HashMap<>();
            List<Segment> segments = new ArrayList<>();
            String engine = mono.engine();
            for (int c : channelOf.values().stream().distinct().sorted().toList()) {
                final int channel = c;
                List<TextUnit> mine = units.stream().filter(u -> channelOf.get(u.speaker()) == channel).toList();
                SpeechMap speech = ownSpeech(detector.classify(levels[channel]), levels, channel,
                        detector.settings().minSpeech(), detector.settings().minPause());
                // whether the transcript is the recording's was judged on the mix, with every speaker's sentences
                Alignment a = aligner.align(new AlignmentRequest(rec, audio, channel, speech, mine, turns)
                        .withEvidence(mono.metrics()));
                engine = a.engine();
                spans.addAll(a.spans());
                unaligned.addAll(a.unaligned());
                charTimes.putAll(a.charTimes());
                placedBy.putAll(a.placedBy());
                words.putAll(a.words());
                if (metrics.isEmpty()) metrics.putAll(a.metrics());
                for (Segment seg : new Segmenter(segmentation).segments(rec, a, channel)) {
                    segments.add(withSeparation(seg, levels, hop));
                }
            }
            spans.sort(Comparator.comparingDouble(AlignedSpan::start));
            unaligned.sort(Comparator.comparingInt(TextUnit::index));
            segments.sort(Comparator.comparingDouble(Segment::start).thenComparingInt(Segment::channel));
            keep = true;
            return new Split(audio, new Alignment(engine, spans, unaligned, metrics, charTimes, placedBy, words), segments,
                    RecordingOutcome.SPLIT_CHANNELS + who + (own ? "" : "; split as --channels split asks")
                            + "): each speaker's turns aligned on their own channel and cut from it");
        } finally {
            if (!keep) audio.delete();
        }
    }

    /** Frames of a turn this far below its loudest are pauses inside it, not its speech, dB. */
    private static final double SPEECH_RANGE_DB = 25;

    /**
     * How much louder each speaker is on every channel than on the loudest other, dB: the median over the speech
     * frames of their placed turns, so a stretch where the other speaker talks over them, or a turn the mono
     * alignment misplaced, does not decide it.
     */
    static Map<String, double[]> speakerLevels(List<AlignedSpan> spans, float[][] levels, double hop) {
        int channels = levels.length;
        Map<String, List<double[]>> frames = new TreeMap<>();
        for (AlignedSpan s : spans) {
            if (s.speaker() == null) continue;
            int a = Math.max(0, (int) Math.floor(s.start() / hop));
            int b = Math.min(levels[0].length, (int) Math.ceil(s.end() / hop));
            double peak = Double.NEGATIVE_INFINITY;
            for (int f = a; f < b; f++) for (float[] l : levels) peak = Math.max(peak, l[f]);
            List<double[]> mine = frames.computeIfAbsent(s.speaker(), k -> new ArrayList<>());
            for (int f = a; f < b; f++) {
                double loudest = Double.NEGATIVE_INFINITY;
                for (float[] l : levels) loudest = Math.max(loudest, l[f]);
                if (loudest < peak - SPEECH_RANGE_DB) continue;
                double[] over = new double[channels];
                for (int c = 0; c < channels; c++) {
                    double other = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < channels; o++) if (o != c) other = Math.max(other, levels[o][f]);
                    over[c] = levels[c][f] - other;
                }
                mine.add(over);
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        frames.forEach((who, list) -> {
            if (list.isEmpty()) return;
            double[] median = new double[channels];
            for (int c = 0; c < channels; c++) {
                final int channel = c;
                double[] v = list.stream().mapToDouble(x -> x[channel]).sorted().toArray();
                median[c] = v[v.length / 2];
            }
            out.put(who, median);
        });
        return out;
    }

    /**
     * One channel's speech without the other channels' crosstalk: the regions the detector finds in the channel as
     * it is (so its noise floor, and how far it follows a speech end into the noise, are the channel's own), less
     * their frames far quieter here than on another channel; runs of the speaker's own frames shorter than the
     * shortest speech are dropped, and gaps of crosstalk within their speech shorter than the shortest pause (a
     * weak sound while the other talks over them) are kept.
     */
    static SpeechMap ownSpeech(SpeechMap raw, float[][] levels, int channel, double minSpeech, double minPause) {
        double hop = raw.hopSeconds();
        int n = levels[channel].length;
        boolean[] crosstalk = new boolean[n];
        for (int f = 0; f < n; f++) {
            float other = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < levels.length; c++) if (c != channel && f < levels[c].length) other = Math.max(other, levels[c][f]);
            crosstalk[f] = levels[channel][f] < other - CROSSTALK_DB;
        }
        int shortestRun = (int) Math.max(1, Math.round(minSpeech / hop));
        int longestGap = (int) Math.round(minPause / hop);
        List<SpeechRegion> out = new ArrayList<>();
        for (SpeechRegion r : raw.regions()) {
            int a = Math.max(0, (int) Math.floor(r.start() / hop));
            int b = Math.min(n, (int) Math.ceil(r.end() / hop));
            int runStart = -1;
            int runEnd = -1;
            for (int f = a; f <= b; f++) {
                boolean own = f < b && !crosstalk[f];
                if (own) {
                    if (runStart < 0) runStart = f;
                    else if (f - runEnd > longestGap) {
                        // the crosstalk gap was too long: the run before it ends there
                        add(out, runStart, runEnd, shortestRun, hop, r);
                        runStart = f;
                    }
                    runEnd = f + 1;
                } else if (f == b && runStart >= 0) {
                    add(out, runStart, runEnd, shortestRun, hop, r);
                }
            }
        }
        return new SpeechMap(out, hop, levels[channel], raw.noiseFloorDb(), raw.speechLevelDb());
    }

    private static void add(List<SpeechRegion> out, int from, int to, int shortest, double hop, SpeechRegion within) {
        if (to - from < shortest) return;
        out.add(new SpeechRegion(Math.max(within.start(), from * hop), Math.min(within.end(), to * hop)));
    }

    /**
     * The segment with {@code metrics.channel_separation_db}: how much louder its speaker is on their own channel
     * than on any other over its speech (median over frames, dB; 25 for a speaker leaking 25 dB down into the other
     * microphone). Its presence also says the clip is one channel, not the mix (Lhotse's source supervisions name
     * that channel).
     */
    static Segment withSeparation(Segment s, float[][] levels, double hop) {
        int a = Math.max(0, (int) Math.floor(s.speechStart() / hop));
        int b = Math.min(levels[0].length, (int) Math.ceil(s.speechEnd() / hop));
        double[] over = new double[Math.max(0, b - a)];
        for (int f = a; f < b; f++) {
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < levels.length; c++) if (c != s.channel()) other = Math.max(other, levels[c][f]);
            over[f - a] = levels[s.channel()][f] - other;
        }
        if (over.length == 0) return s;
        java.util.Arrays.sort(over);
        Map<String, Double> metrics = new java.util.LinkedHashMap<>(s.metrics());
        metrics.put(SEPARATION_METRIC, Math.round(over[over.length / 2] * 10) / 10.0);
        return new Segment(s.id(), s.recordingId(), s.channel(), s.start(), s.end(), s.speechStart(), s.speechEnd(),
                s.speaker(), s.text(), s.language(), s.aligner(), s.score(), s.charStart(), s.charEnd(), metrics, s.asrText(),
                s.textNormalized(), s.events(), s.flags(), s.langDetected(), s.words());
    }

    /** The metric of a segment cut from one channel of several (see {@link #withSeparation}). */
    static final String SEPARATION_METRIC = "channel_separation_db";

    /**
     * Flags {@code overlap} on every segment whose speech overlaps another speaker's: in a mono mix such a segment
     * holds both voices; on its own channel it stays whole and the flag says another speaker talked meanwhile.
     */
    static List<Segment> flagOverlaps(List<Segment> segments) {
        List<Segment> out = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            boolean overlap = false;
            for (Segment o : segments) {
                if (o != s && !Objects.equals(o.speaker(), s.speaker()) && o.speechStart() < s.speechEnd()
                        && s.speechStart() < o.speechEnd()) {
                    overlap = true;
                    break;
                }
            }
            if (!overlap || s.flags().contains("overlap")) {
                out.add(s);
                continue;
            }
            List<String> flags = new ArrayList<>(s.flags());
            flags.add("overlap");
            out.add(s.withText(s.textNormalized(), s.events(), flags, s.langDetected()));
        }
        return out;
    }

    private static int argmax(double[] xs) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
        return best;
    }

    /** How much louder a speaker is on their channel than on the loudest other, dB. */
    private static double separation(double[] over, int best) {
        return over[best];
    }

    private static String describe(Map<String, Integer> channelOf, Map<String, double[]> loudness) {
        List<String> parts = new ArrayList<>();
        channelOf.forEach((who, c) -> parts.add(String.format(Locale.ROOT, "%s on channel %d, %.0f dB over the other",
                who, c, separation(loudness.get(who), c))));
        return String.join(", ", parts);
    }
}
