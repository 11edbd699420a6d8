package org.samtal.align;

import org.samtal.media.Pcm;
import org.samtal.model.TextUnit;
import org.samtal.model.WordTime;
import org.samtal.speech.FeatureMatrix;
import org.samtal.speech.Features;
import org.samtal.speech.SpeechDetector;
import org.samtal.speech.SpeechMap;
import org.samtal.speech.SpeechRegion;
import org.samtal.synth.Espeak;
import org.samtal.synth.SyntheticSpeech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Aligns by speaking the transcript with espeak-ng and placing each sentence on the run of detected speech, pause to
 * pause, whose sound its synthetic speech matches ({@link PausePlacement}); boundaries are the detected speech edges,
 * each sentence gets its words' times and a score fitted on real speech ({@link Calibration#placed}).
 */
public final class SyntheticAligner implements Aligner {
    public static final String NAME = "synthetic";
    /** How many other sentences the contrast compares against. */
    private static final int CONTRAST_UNITS = 4;
    /** Units spoken per espeak-ng run. */
    private static final int CHUNK = 100;
    /** espeak-ng runs at a time: one per core of the machines samtal is measured on (two). */
    private static final int SPEAKERS = 2;
    /** How far a sentence may reach out of the stretch it is known to lie in, seconds. */
    private static final double KNOWN_SLACK_SECONDS = 0.1;
    /** Feature frames averaged for the placement search. */
    private static final int PLACEMENT_POOLING = 2;
    /** Sentences a candidate voice places to be judged (see {@link #alignWithChosenVoice}). */
    private static final int VOICE_SAMPLE_UNITS = 24;
    /** Of them, the first this many are judged. */
    private static final int VOICE_JUDGED_UNITS = 16;
    /** The sample's speech: its sentences' share of the text, times this, of the recording's speech. */
    private static final double SAMPLE_SPEECH_SHARE = 1.1;
    /** How much better on average (calibrated score per sentence) another voice must place them than the default. */
    private static final double VOICE_CHOICE_MARGIN = 0.02;
    /** espeak-ng's default speed, words per minute. */
    private static final int ESPEAK_WPM = 175;
    /** Silence put between units in the synthetic speech, seconds. */
    private static final double GAP_SECONDS = 0.25;


    private final Espeak espeak;
    private final int cores;
    private final SpeechDetector detector;
    /** The voices to choose among, the default first; one voice: no choice. */
    private final List<String> voices;
    private final Features features;

    /**
     * @param espeak      the synthesiser
     * @param detector    the speech detector the request's speech map came from (its frame grid pads the chunks)
     * @param voice       espeak-ng voice for the recording's language
     */
    public SyntheticAligner(Espeak espeak, SpeechDetector detector, String voice) {
        this(espeak, detector, List.of(voice), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param voices espeak-ng voices to choose among per recording, by evidence (the default first): the one whose
     *               synthetic speech places a sample of the recording's sentences best ({@link Espeak#voicesFor})
     */
    public SyntheticAligner(Espeak espeak, SpeechDetector detector, List<String> voices) {
        this(espeak, detector, voices, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cores the cores one recording's alignment may use: with two or more, espeak-ng speaks on two threads
     *              while this one makes the recording's features, and the placement shares its search with a
     *              helper thread; with one, all of it runs on the caller's thread (several recordings aligned at
     *              once each take a core: more threads would only contend). The result is the same either way.
     */
    public SyntheticAligner(Espeak espeak, SpeechDetector detector, List<String> voices, int cores) {
        if (voices.isEmpty()) throw new IllegalArgumentException("no espeak-ng voice");
        if (cores < 1) throw new IllegalArgumentException("cores must be at least 1, not " + cores);
        this.cores = cores;
        this.espeak = espeak;
        this.detector = detector;
        this.voices = List.copyOf(voices);
        this.features = new Features(0.02, 13);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The synthetic side of the match.
     *
     * @param features  normalised MFCCs of the synthetic speech (with the real recording's noise floor)
     * @param unitStart where each unit's speech starts in it, seconds
     * @param unitEnd   where each unit's speech ends in it, seconds
     */
    private record Synthetic(FeatureMatrix features, double[] unitStart, double[] unitEnd) {
        double duration() {
            return features.frames() * features.hop();
        }
    }

    @Override
    public Alignment align(AlignmentRequest request) {
        List<TextUnit> units = request.units();
        if (units.isEmpty()) return new Alignment(NAME, List.of(), units, Map.of());
        // one core: no pool and no helper, every task done on this thread
        ExecutorService pool = cores < 2 ? null : Executors.newFixedThreadPool(SPEAKERS, r -> {
            Thread t = new Thread(r, "espeak-ng");
            t.setDaemon(true);
            return t;
        });
        // a second thread for the placement's and the scoring's work (the pool's may still be speaking words)
        ExecutorService helper = cores < 2 ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "placement");
            t.setDaemon(true);
            return t;
        });
        try {
            if (voices.size() == 1) return alignWith(request, voices.get(0), null, pool, helper);
            return alignWithChosenVoice(request, pool, helper);
        } finally {
            if (pool != null) pool.shutdownNow();
            if (helper != null) helper.shutdownNow();
        }
    }

    /**
     * Aligns with one voice.
     *
     * @param made the recording's features when already made, else {@code null} (made here while espeak-ng speaks)
     */
    private Alignment alignWith(AlignmentRequest request, String voice, FeatureMatrix made, ExecutorService pool,
                                ExecutorService helper) {
        long t0 = System.nanoTime();
        Speaking speaking = speak(request.units(), request, voice, pool);
        long t1 = System.nanoTime();
        // the recording's own features are made here and on the helper while the pool's threads speak
        FeatureMatrix real = made != null ? made : features.mfcc(request.audio(), request.channel(), helper).normalized();
        long t2 = System.nanoTime();
        Synthetic syn = speaking.synthetic();
        long t3 = System.nanoTime();
        return placeByPauses(request, syn, speaking, real, helper, (t1 - t0) + (t3 - t2), t2 - t1, t3);
    }

    /**
     * Chooses the voice per recording by evidence: each voice places a sample (the first {@link #VOICE_SAMPLE_UNITS}
     * sentences on the speech that can hold them) and the one whose placements score best overall speaks the
     * whole recording. A sample that is the whole recording is the alignment itself.
     */
    private Alignment alignWithChosenVoice(AlignmentRequest request, ExecutorService pool, ExecutorService helper) {
        long t0 = System.nanoTime();
        FeatureMatrix real = features.mfcc(request.audio(), request.channel(), helper).normalized();
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        long tc = System.nanoTime();
        List<TextUnit> units = request.units();
        boolean whole = units.size() <= VOICE_SAMPLE_UNITS;
        AlignmentRequest sample = whole ? request : sampleOf(request);
        Map<String, Double> evidence = new LinkedHashMap<>();
        Alignment best = null;
        String chosen = null;
        for (String voice : voices) {
            Alignment a = alignWith(sample, voice, real, pool, helper);
            double mean = evidence(a, sample.units(), whole ? sample.units().size() : VOICE_JUDGED_UNITS);
            evidence.put("voice_choice." + voice, mean);
            // the default (first) voice stays unless another places the sample clearly better; among those, the best
            double bar = best == null ? Double.NEGATIVE_INFINITY : Math.max(evidence.get("voice_choice." + chosen),
                    evidence.get("voice_choice." + voices.get(0)) + VOICE_CHOICE_MARGIN);
            if (mean > bar) {
                best = a;
                chosen = voice;
            }
        }
        double choiceSeconds = (System.nanoTime() - tc) / 1e9;
        Alignment out = whole ? best : alignWith(request, chosen, real, pool, helper);
        Map<String, Double> metrics = new LinkedHashMap<>(out.metrics());
        metrics.putAll(evidence);
        metrics.put("voice_chosen." + chosen, 1.0);
        metrics.put("features_seconds", featureSeconds);
        metrics.put("voice_choice_seconds", whole ? choiceSeconds - timeOf(best) : choiceSeconds);
        return new Alignment(out.engine(), out.spans(), out.unaligned(), metrics, out.charTimes(), out.placedBy(),
                out.words());
    }

    /**
     * How well a voice placed a sample: the mean sentence score of its first {@code judged} sentences (0 for one left
     * out), without the recording-level factors, which a sample of a few sentences measures poorly (the sample's
     * last sentences may lack their speech or have too much, so they are not judged).
     */
    private static double evidence(Alignment a, List<TextUnit> units, int judged) {
        int lastJudged = units.get(judged - 1).index();
        double typical = median(a.spans().stream().mapToDouble(sp -> sp.metrics().get("duration_ratio")).toArray());
        double total = 0;
        for (AlignedSpan sp : a.spans()) {
            if (sp.units().get(0).index() > lastJudged) continue;
            Map<String, Double> m = sp.metrics();
            total += Calibration.placed(m.get("edge_margin"), m.get("margin"), m.get("contrast"), m.get("duration_ratio"),
                    typical, Double.NaN, Double.NaN) * sp.units().size();
        }
        return total / judged;
    }

    /** The seconds an alignment's stages took. */
    private static double timeOf(Alignment a) {
        return a.metrics().entrySet().stream().filter(e -> e.getKey().endsWith("_seconds")
                && !e.getKey().equals("synthetic_seconds")).mapToDouble(Map.Entry::getValue).sum();
    }

    /**
     * The first sentences and the speech that can hold them: as much speech as the rest of the text leaves them at
     * the recording's own characters per second, doubled for the pace of one speaker against the whole, or their
     * known windows.
     */
    private static AlignmentRequest sampleOf(AlignmentRequest request) {
        List<TextUnit> units = request.units();
        List<TextUnit> first = units.subList(0, VOICE_SAMPLE_UNITS);
        SpeechMap speech = request.speech();
        double chars = units.stream().mapToInt(u -> u.text().length()).sum();
        double sampleChars = first.stream().mapToInt(u -> u.text().length()).sum();
        // as much speech as their share of the text: more would leave audio without text at the sample's end, which
        // the search spreads the last sentences over (a recording's text covers its speech; a sample's need not)
        double needed = SAMPLE_SPEECH_SHARE * speech.speechSeconds() * sampleChars / Math.max(1, chars) + 2;
        double windowEnd = first.stream().map(u -> request.windows().get(u.index()))
                .mapToDouble(w -> w == null ? Double.NaN : w[1]).max().orElse(Double.NaN);
        List<SpeechRegion> regions = new ArrayList<>();
        double held = 0;
        for (SpeechRegion r : speech.regions()) {
            boolean enough = Double.isNaN(windowEnd) ? held >= needed : r.start() >= windowEnd;
            if (enough) break;
            regions.add(r);
            held += r.end() - r.start();
        }
        SpeechMap part = new SpeechMap(regions, speech.hopSeconds(), speech.levelDb(), speech.noiseFloorDb(),
                speech.speechLevelDb());
        return new AlignmentRequest(request.recording(), request.audio(), request.channel(), part, first,
                request.turns(), request.windows(), request.evidence());
    }

    /** Places sentences pause to pause ({@link PausePlacement}), then scores each. */
    private Alignment placeByPauses(AlignmentRequest request, Synthetic syn, Speaking speaking, FeatureMatrix realNorm,
                                    ExecutorService helper, long synthesisNanos, long featuresNanos, long t2) {
        List<TextUnit> units = request.units();
        SpeechMap speech = request.speech();
        // 40 ms frames: a quarter of the matching work of 20 ms, the same sentences placed (boundaries come from the
        // detector's 10 ms regions, not from these frames)
        FeatureMatrix real = realNorm.withDeltas().pooled(PLACEMENT_POOLING);
        FeatureMatrix synth = syn.features().withDeltas().pooled(PLACEMENT_POOLING);
        List<SpeechRegion> regions = speech.regions();
        List<int[]> frames = new ArrayList<>();
        for (SpeechRegion r : regions) {
            int a = real.frameAt(r.start());
            int b = Math.max(a + 1, real.frameAt(r.end()));
            frames.add(new int[]{a, b});
        }
        List<FeatureMatrix> sentences = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) {
            sentences.add(synth.slice(synth.frameAt(syn.unitStart()[k]), synth.frameAt(syn.unitEnd()[k]) + 1));
        }
        PausePlacement placement = new PausePlacement(real, frames, sentences,
                units.stream().map(TextUnit::speaker).toList());
        if (!request.windows().isEmpty()) {
            List<int[]> stretches = new ArrayList<>();
            for (TextUnit u : units) {
                double[] w = request.windows().get(u.index());
                stretches.add(w == null ? null : new int[]{real.frameAt(w[0]), real.frameAt(w[1])});
            }
            placement.keepInside(stretches, (int) Math.round(KNOWN_SLACK_SECONDS / real.hop()));
        }
        PausePlacement.Result result = placement.place(request.recording().id().hashCode(), helper);
        long t3 = System.nanoTime();
        double[] contrasts = contrasts(result.placements(), regions, realNorm, syn, units, helper);
        double[][] wordShares = speaking.wordShares(); // spoken while the placement searched
        List<AlignedSpan> spans = new ArrayList<>();
        List<TextUnit> unplaced = new ArrayList<>();
        Map<Integer, List<WordTime>> words = new java.util.HashMap<>();
        for (int k = 0; k < units.size(); k++) {
            PausePlacement.Placement p = result.placements().get(k);
            if (!p.placed()) {
                unplaced.add(units.get(k));
                continue;
            }
            double start = regions.get(p.first()).start();
            double end = regions.get(p.last()).end();
            words.put(units.get(k).index(), wordTimes(units.get(k), wordShares[k], placement.trace(k, p),
                    sentences.get(k).frames(), real, start, end));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("match", -p.perFrame() / result.background());
            metrics.put("margin", p.margin());
            metrics.put("edge_margin", p.edgeMargin());
            metrics.put("contrast", contrasts[k]);
            metrics.put("duration_ratio", (double) p.realFrames() / Math.max(1, p.synthFrames()));
            spans.add(new AlignedSpan(List.of(units.get(k)), start, end, 0, metrics));
        }
        double recordingMargin = median(spans.stream().mapToDouble(sp -> sp.metrics().get("margin")).toArray());
        // each speaker's own pace where the transcript names speakers (a table of many readers), else the recording's
        double typicalDuration = median(spans.stream().mapToDouble(sp -> sp.metrics().get("duration_ratio")).toArray());
        Map<String, Double> paceOf = new java.util.HashMap<>();
        spans.stream().filter(sp -> sp.speaker() != null).collect(java.util.stream.Collectors.groupingBy(AlignedSpan::speaker))
                .forEach((who, own) -> {
                    if (own.size() >= 3) paceOf.put(who, median(own.stream().mapToDouble(sp -> sp.metrics().get("duration_ratio")).toArray()));
                });
        double recordingContrast = median(spans.stream().mapToDouble(sp -> sp.metrics().get("contrast")).toArray());
        java.util.Map<String, Double> whole = request.evidence();
        if (whole != null && whole.containsKey("recording_margin") && whole.containsKey("recording_contrast")) {
            // a part of a recording aligned again (a speaker's turns on their own channel): that the transcript is the
            // recording's shows in the whole or in the part, whichever shows it better. A speaker's few turns alone on
            // a channel of digital silence have a median contrast near 1 (every sentence fits their silence as badly)
            // and were all left out; a casual conversation's mix shows it worse than each speaker's own channel
            recordingMargin = Math.max(recordingMargin, whole.get("recording_margin"));
            recordingContrast = Math.min(recordingContrast, whole.get("recording_contrast"));
        }
        List<AlignedSpan> scored = new ArrayList<>(spans.size());
        for (AlignedSpan sp : spans) {
            Map<String, Double> m = sp.metrics();
            scored.add(new AlignedSpan(sp.units(), sp.start(), sp.end(), Calibration.placed(m.get("edge_margin"),
                    m.get("margin"), m.get("contrast"), m.get("duration_ratio"), sp.speaker() == null ? typicalDuration : paceOf.getOrDefault(sp.speaker(), typicalDuration),
                    recordingMargin, recordingContrast), m));
        }
        long t4 = System.nanoTime();
        return new Alignment(NAME, scored, unplaced, Map.of("background_distance", result.background(),
                "synthetic_seconds", syn.duration(), "recording_margin", recordingMargin, "recording_contrast", recordingContrast,
                "synthesis_seconds", synthesisNanos / 1e9, "features_seconds", featuresNanos / 1e9,
                "placement_seconds", (t3 - t2) / 1e9, "scoring_seconds", (t4 - t3) / 1e9), Map.of(), Map.of(), words);
    }

    /**
     * One chunk of units spoken and turned into features.
     *
     * @param features  its MFCC frames, row-major
     * @param seconds   its length (the frames' grid continues in the next chunk)
     * @param unitStart where each of its units' speech starts, seconds into the chunk
     * @param unitEnd   where each ends
     */
    private record SpokenChunk(float[] features, int dims, double seconds, double[] unitStart, double[] unitEnd) {
    }

    /**
     * The synthetic speech on its way: each chunk's features, then each chunk's word shares, made on the pool's
     * threads in that order (the shares are needed only after the placement).
     */
    private final class Speaking {
        private final List<Future<SpokenChunk>> chunks;
        private final List<Future<?>> words;
        private final double[][] wordShares;
        private final int rate;

        Speaking(List<Future<SpokenChunk>> chunks, List<Future<?>> words, double[][] wordShares, int rate) {
            this.chunks = chunks;
            this.words = words;
            this.wordShares = wordShares;
            this.rate = rate;
        }

        /** The chunks' features joined, normalised over the whole synthetic speech. */
        Synthetic synthetic() {
            int n = wordShares.length;
            double[] unitStart = new double[n];
            double[] unitEnd = new double[n];
            List<float[]> parts = new ArrayList<>();
            int dims = 0;
            int k = 0;
            double offset = 0;
            for (int c = 0; c < chunks.size(); c++) {
                SpokenChunk chunk = result(chunks.get(c));
                chunks.set(c, null);
                for (int u = 0; u < chunk.unitStart().length; u++, k++) {
                    unitStart[k] = offset + chunk.unitStart()[u];
                    unitEnd[k] = offset + chunk.unitEnd()[u];
                }
                dims = chunk.dims();
                parts.add(chunk.features());
                offset += chunk.seconds();
            }
            int total = parts.stream().mapToInt(a -> a.length).sum();
            float[] data = new float[total];
            int pos = 0;
            for (float[] a : parts) {
                System.arraycopy(a, 0, data, pos, a.length);
                pos += a.length;
            }
            FeatureMatrix all = new FeatureMatrix(data, dims == 0 ? 0 : total / dims, dims, features.hopSeconds(),
                    features.frameCentre(rate)).normalized();
            return new Synthetic(all, unitStart, unitEnd);
        }

        /**
         * Per unit, where each of its words starts as a share of the unit's synthetic speech, and 1 (so word
         * {@code w} spans {@code [shares[w], shares[w + 1])}).
         */
        double[][] wordShares() {
            for (Future<?> w : words) result(w);
            return wordShares;
        }
    }

    /**
     * Starts speaking the units, chunk by chunk on the pool's threads, each chunk spoken, given the noise floor and
     * turned into features on its thread: only the chunks being worked on have their samples held (ten hours of
     * synthetic audio would be more than a gigabyte of them). The words' chunks come after, so a thread done with a
     * short last chunk speaks words while the other finishes a long one.
     */
    private Speaking speak(List<TextUnit> units, AlignmentRequest request, String voice, ExecutorService pool) {
        int rate = request.audio().sampleRate();
        double floor = request.speech().noiseFloorDb();
        long seed = request.recording().id().hashCode();
        int n = units.size();
        // chunks of CHUNK from the first unit, whatever the threads: espeak-ng speaks a sentence a little differently
        // in another chunk, and the noise is seeded per chunk, so other chunks would give other synthetic speech
        List<int[]> ranges = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) ranges.add(new int[]{from, Math.min(n, from + CHUNK)});
        List<Future<SpokenChunk>> spoken = new ArrayList<>();
        for (int[] r : ranges) {
            List<String> texts = units.subList(r[0], r[1]).stream().map(TextUnit::text).toList();
            spoken.add(submit(pool, () -> speakChunk(texts, voice, rate, floor, seed + r[0])));
        }
        double[][] wordShares = new double[n][];
        List<Future<?>> words = new ArrayList<>();
        for (int[] r : ranges) {
            // each chunk writes only its own units' shares
            words.add(submit(pool, () -> {
                wordShares(units.subList(r[0], r[1]), voice, wordShares, r[0]);
                return null;
            }));
        }
        return new Speaking(spoken, words, wordShares, rate);
    }

    /** The task on the pool's threads, or done here and now when there is no pool (one core). */
    private static <T> Future<T> submit(ExecutorService pool, java.util.concurrent.Callable<T> task) {
        if (pool != null) return pool.submit(task);
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(task.call());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One chunk spoken, with the recording's noise floor, as features. */
    private SpokenChunk speakChunk(List<String> texts, String voice, int rate, double floor, long seed) {
        int hop = (int) Math.round(features.hopSeconds() * rate);
        int levelHop = (int) Math.round(detector.settings().hopSeconds() * rate);
        int block = hop * levelHop / gcd(hop, levelHop); // chunks keep both frame grids continuous
        SyntheticSpeech s = espeak.speakUnits(texts, voice, ESPEAK_WPM, rate, GAP_SECONDS);
        short[] pcm = Arrays.copyOf(s.pcm(), (s.pcm().length + block - 1) / block * block);
        FeatureMatrix f = features.mfcc(withNoiseFloor(pcm, floor, seed), rate);
        int frames = Math.min(f.frames(), pcm.length / hop);
        return new SpokenChunk(Arrays.copyOf(f.data(), frames * f.dims()), f.dims(), (double) pcm.length / rate,
                s.unitStart(), s.unitEnd());
    }

    /** A task's result; its failure as it was thrown. */
    private static <T> T result(Future<T> f) {
        return org.samtal.util.Tasks.result(f, "aligning");
    }

    /**
     * How espeak-ng shares each unit's time among its words: the words are spoken once more each on their own, and
     * their lengths give the shares (a long word takes longer than its letters say, a short function word less).
     */
    private void wordShares(List<TextUnit> units, String voice, double[][] out, int offset) {
        List<String> words = new ArrayList<>();
        for (TextUnit u : units) words.addAll(WordTime.words(u.text()));
        if (words.isEmpty()) return;
        // only the words' lengths count: at espeak-ng's own rate no decoder starts and nothing is resampled (against
        // resampled words, 36 of 33,140 word edges of the dev set's and the tables' builds moved by 40 to 120 ms)
        SyntheticSpeech spoken = espeak.speakWords(words, voice, ESPEAK_WPM, Espeak.OWN_RATE);
        int w = 0;
        for (int k = 0; k < units.size(); k++) {
            int count = WordTime.words(units.get(k).text()).size();
            double[] shares = new double[count + 1];
            double total = 0;
            for (int i = 0; i < count; i++) total += spoken.unitEnd()[w + i] - spoken.unitStart()[w + i];
            double at = 0;
            for (int i = 0; i < count; i++) {
                shares[i] = total > 0 ? at / total : (double) i / count;
                at += spoken.unitEnd()[w + i] - spoken.unitStart()[w + i];
            }
            shares[count] = 1;
            out[offset + k] = shares;
            w += count;
        }
    }

    /**
     * Each word's time in the recording: its share of the sentence's synthetic speech, carried through the match to
     * the real speech frames it was matched to.
     */
    private static List<WordTime> wordTimes(TextUnit unit, double[] shares, int[][] trace, int synthFrames,
                                            FeatureMatrix real, double start, double end) {
        List<String> words = WordTime.words(unit.text());
        List<WordTime> out = new ArrayList<>(words.size());
        if (shares == null || shares.length != words.size() + 1 || trace[0].length == 0) return out;
        double half = real.hop() / 2;
        int t = 0;
        double previousEnd = start;
        for (int w = 0; w < words.size(); w++) {
            double a = shares[w] * synthFrames;
            double b = shares[w + 1] * synthFrames;
            while (t < trace[1].length - 1 && trace[1][t] < a) t++;
            int first = t;
            int last = first;
            while (last + 1 < trace[1].length && trace[1][last + 1] < b) last++;
            double ws = Math.max(previousEnd, real.timeOf(trace[0][first]) - half);
            double we = Math.max(ws, Math.min(end, real.timeOf(trace[0][last]) + half));
            if (w == 0) ws = start;
            if (w == words.size() - 1) we = Math.max(ws, end);
            out.add(new WordTime(words.get(w), round(ws), round(we)));
            previousEnd = we;
            t = last + 1 < trace[1].length ? last + 1 : last;
        }
        return out;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Each placed sentence's {@link #contrast}, the later half on the helper thread if any (NaN for the unplaced). */
    private static double[] contrasts(List<PausePlacement.Placement> placements, List<SpeechRegion> regions,
                                      FeatureMatrix real, Synthetic syn, List<TextUnit> units, ExecutorService helper) {
        double[] out = new double[units.size()];
        Arrays.fill(out, Double.NaN);
        int half = helper == null ? units.size() : units.size() / 2;
        Future<?> later = helper == null ? null
                : helper.submit(() -> contrasts(placements, regions, real, syn, units, half, units.size(), out));
        contrasts(placements, regions, real, syn, units, 0, half, out);
        if (later != null) result(later);
        return out;
    }

    /** The contrasts of sentences {@code [from, to)} into {@code out}. */
    private static void contrasts(List<PausePlacement.Placement> placements, List<SpeechRegion> regions,
                                  FeatureMatrix real, Synthetic syn, List<TextUnit> units, int from, int to, double[] out) {
        for (int k = from; k < to; k++) {
            PausePlacement.Placement p = placements.get(k);
            if (p.placed()) out[k] = contrast(real, syn, units, k, regions.get(p.first()).start(), regions.get(p.last()).end());
        }
    }

    /**
     * How much better the sentence's own synthetic speech fits the audio placed for it than other sentences of
     * about the same length do: own distance over the median of the others'. Near 1 the audio could be any of
     * them (the text is wrong, or the place is); well below 1 the text is the audio's. The others are stretched to
     * the sentence's own synthetic length first: warping lets a shorter sentence settle on the frames it fits best,
     * which made the longest sentence of a short recording look wrong (the first LibriVox sentence: 0.98 unstretched,
     * 0.87 stretched, against 0.96 for real speech with another text). Length itself is judged by the pace checks.
     */
    private static double contrast(FeatureMatrix real, Synthetic syn, List<TextUnit> units, int k, double start,
                                   double end) {
        FeatureMatrix audio = real.slice(real.frameAt(start), real.frameAt(end) + 1).pooled(2);
        FeatureMatrix mine = unitFrames(syn, k);
        double own = Dtw.meanPathDistance(audio, mine);
        double myLength = syn.unitEnd()[k] - syn.unitStart()[k];
        List<Integer> others = new ArrayList<>();
        for (int o = 0; o < units.size(); o++) {
            if (o != k && !units.get(o).text().equalsIgnoreCase(units.get(k).text())) others.add(o);
        }
        others.sort(java.util.Comparator.comparingDouble(o -> Math.abs(syn.unitEnd()[o] - syn.unitStart()[o] - myLength)));
        double[] d = others.stream().limit(CONTRAST_UNITS)
                .mapToDouble(o -> Dtw.meanPathDistance(audio, unitFrames(syn, o).stretched(mine.frames()))).sorted().toArray();
        if (d.length == 0 || Double.isNaN(own)) return Double.NaN;
        return own / d[d.length / 2];
    }

    private static FeatureMatrix unitFrames(Synthetic syn, int k) {
        FeatureMatrix f = syn.features();
        return f.slice(f.frameAt(syn.unitStart()[k]), f.frameAt(syn.unitEnd()[k]) + 1).pooled(2);
    }

    /**
     * Adds white noise at the real recording's noise floor to the synthetic speech. espeak-ng's pauses are digital
     * silence, unlike any real pause; with the same floor, real pauses match synthetic pauses and noisy
     * recordings no longer pull boundaries into the wrong pause.
     */
    static short[] withNoiseFloor(short[] pcm, double floorDb, long seed) {
        // the floor is measured in the 150-4000 Hz band, about half a white noise's power; +1.5 dB from the
        // floor's low percentile to the noise's mean level
        double sigma = Math.pow(10, (floorDb + 1.5) / 20) / Math.sqrt(0.48) * 32768;
        sigma = Math.max(sigma, 0.5); // at least dither, so silence has finite features
        SplittableRandom rnd = new SplittableRandom(seed);
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            double v = pcm[i] + rnd.nextGaussian() * sigma;
            out[i] = Pcm.sample(v);
        }
        return out;
    }

    private static double median(double[] xs) {
        double[] v = java.util.Arrays.stream(xs).filter(x -> !Double.isNaN(x)).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

}
