package org.samtal.speech;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.filters.HighPass;
import be.tarsos.dsp.filters.LowPassSP;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.UniversalAudioInputStream;
import org.samtal.media.DecodedAudio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds speech and pauses in decoded audio. A TarsosDSP chain (band-pass to the speech band, then a level meter)
 * turns the audio into a level envelope; the threshold then follows the recording's own local noise floor, so the
 * same settings work on silent studio audio and on noisy field recordings.
 */
public final class SpeechDetector {
    /** Level given to digital silence, so logarithms stay finite. */
    static final float SILENCE_DB = -100f;

    private final DetectorSettings settings;

    /** The least margin over the floor a decaying end keeps, however steady the noise. */
    static final double MIN_TAIL_DB = 1.0;

    public SpeechDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** Detects speech in one channel of decoded audio, streaming it from disk. */
    public SpeechMap detect(DecodedAudio audio, int channel) {
        float[] levels = levels(audio, channel);
        return classify(levels);
    }

    /** The band level envelope, one value per hop, in dBFS. */
    public float[] levels(DecodedAudio audio, int channel) {
        try (InputStream in = audio.openStream(channel)) {
            return levels(in, audio.sampleRate(), audio.numSamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The band level envelope of 16-bit samples (e.g. synthetic speech), one value per hop, in dBFS. */
    public float[] levels(short[] pcm, int sampleRate) {
        return levels(org.samtal.media.Pcm.stream(pcm), sampleRate, pcm.length);
    }

    private float[] levels(InputStream in, int rate, long samples) {
        int frame = (int) Math.round(settings.frameSeconds() * rate);
        int hop = (int) Math.round(settings.hopSeconds() * rate);
        LevelMeter meter = new LevelMeter((int) (samples / hop) + 1);
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(rate, 16, 1, true, false);
        AudioDispatcher d = new AudioDispatcher(new UniversalAudioInputStream(in, format), frame, frame - hop);
        d.addAudioProcessor(new HighPass(settings.lowHz(), rate));
        if (settings.highHz() < rate / 2f) d.addAudioProcessor(new LowPassSP(settings.highHz(), rate));
        d.addAudioProcessor(meter);
        d.run();
        return meter.levels();
    }

    /** The level a frame must keep to stay speech once it is speech (the release threshold of the hysteresis). */
    public double releaseLevel(double floorDb) {
        return floorDb + settings.minMarginDb();
    }

    /**
     * Turns a level envelope into speech regions: a frame is speech when it stands clearly above the local noise
     * floor; short pauses are bridged and short blips dropped.
     */
    public SpeechMap classify(float[] levels) {
        double hop = settings.hopSeconds();
        int n = levels.length;
        if (n == 0) return new SpeechMap(List.of(), hop, levels, SILENCE_DB, SILENCE_DB);
        float[] floor = localFloor(levels);
        double speechLevel = percentile(levels.clone(), 95);
        boolean[] speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            double f = floor[i];
            double threshold = f + Math.max(settings.minMarginDb(), settings.thresholdRatio() * (speechLevel - f));
            speech[i] = levels[i] > threshold;
        }
        // hysteresis: speech starts above the threshold but only ends when the level is back near the floor, so the
        // soft onsets and decaying ends of words stay inside their region. A decaying end is followed down to where
        // the noise itself would reach: in steady noise that is well under the release margin, and sentence ends
        // otherwise come out about 100 ms early (measured on generated speech at 20 dB SNR).
        double tail = tailMargin(levels, floor);
        for (int i = 1; i < n; i++) {
            if (speech[i - 1] && !speech[i] && levels[i] > floor[i] + tail) speech[i] = true;
        }
        extendWeakEnds(levels, floor, tail, speech);
        for (int i = n - 2; i >= 0; i--) {
            if (speech[i + 1] && !speech[i] && levels[i] > releaseLevel(floor[i])) speech[i] = true;
        }
        dropWeakFragments(levels, floor, speechLevel, speech);
        int minPause = (int) Math.round(settings.minPause() / hop);
        int minSpeech = (int) Math.round(settings.minSpeech() / hop);
        fillRuns(speech, false, minPause, true);
        fillRuns(speech, true, minSpeech, false);
        // frame i covers [i*hop, i*hop + frame]; its centre stands for it
        double centre = settings.frameSeconds() / 2;
        List<SpeechRegion> regions = new ArrayList<>();
        for (int[] run : runs(speech)) {
            double start = Math.max(0, run[0] * hop + centre - hop / 2);
            double end = (run[1] - 1) * hop + centre + hop / 2;
            regions.add(new SpeechRegion(start, end));
        }
        double medianFloor = percentile(floor.clone(), 50);
        return new SpeechMap(regions, hop, levels, medianFloor, speechLevel);
    }

    /** Longest sound taken for a breath, click or lip smack when it is also weak and apart from speech. */
    static final double MAX_FRAGMENT = 0.20;
    /** Silence either side that sets such a sound apart (longer than a stop's closure inside a word). */
    static final double FRAGMENT_GAP = 0.10;

    /**
     * Drops breaths, clicks and lip smacks: sounds of at most {@link #MAX_FRAGMENT} that never rise halfway (in
     * dB) from the noise floor to the speech level and stand apart, by at least {@link #FRAGMENT_GAP} of silence on
     * both sides. Left in, the pause bridging joins them to the next or previous phrase and moves its edge by a
     * quarter of a second (measured on the LibriVox clips of pocketsphinx-testdata: a noise burst before an onset).
     */
    private void dropWeakFragments(float[] levels, float[] floor, double speechLevel, boolean[] speech) {
        int n = levels.length;
        int maxLen = (int) Math.round(MAX_FRAGMENT / settings.hopSeconds());
        int gap = (int) Math.round(FRAGMENT_GAP / settings.hopSeconds());
        List<int[]> runs = runs(speech);
        int previousEnd = -1; // end (exclusive) of the previous speech kept; -1 when none
        for (int r = 0; r < runs.size(); r++) {
            int i = runs.get(r)[0];
            int j = runs.get(r)[1];
            int next = r + 1 < runs.size() ? runs.get(r + 1)[0] : n;
            float peak = -Float.MAX_VALUE;
            for (int k = i; k < j; k++) peak = Math.max(peak, levels[k]);
            boolean apart = (previousEnd < 0 || i - previousEnd >= gap) && (next >= n || next - j >= gap);
            boolean weak = peak < floor[i] + 0.5 * (speechLevel - floor[i]);
            if (j - i <= maxLen && weak && apart) {
                Arrays.fill(speech, i, j, false);
            } else {
                previousEnd = j;
            }
        }
    }

    /** The runs of speech frames, each as {@code {first, last + 1}}. */
    private static List<int[]> runs(boolean[] speech) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < speech.length) {
            if (!speech[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < speech.length && speech[j]) j++;
            runs.add(new int[]{i, j});
            i = j;
        }
        return runs;
    }

    /** How far past a loud end a weak final sound (an aspirated or fricative ending) is looked for. */
    static final double MAX_WEAK_END = 0.15;

    /**
     * Takes a weak final sound into the speech before it: after speech ends, frames within {@link #MAX_WEAK_END}
     * whose level, smoothed over three frames, stays above the noise by the tail margin. Short dips between the loud
     * part and the weak one (a stop's closure) do not end the search; the first stretch of plain noise does.
     */
    private void extendWeakEnds(float[] levels, float[] floor, double tail, boolean[] speech) {
        int n = levels.length;
        int reach = (int) Math.round(MAX_WEAK_END / settings.hopSeconds());
        boolean[] was = speech.clone();
        for (int i = 1; i < n; i++) {
            if (!(was[i - 1] && !was[i])) continue;
            int last = -1;
            int quiet = 0;
            for (int k = i; k < Math.min(n, i + reach) && !was[k]; k++) {
                double smooth = (levels[k - 1] + levels[k] + levels[Math.min(n - 1, k + 1)]) / 3.0;
                if (smooth > floor[k] + tail) {
                    last = k;
                    quiet = 0;
                } else if (++quiet > 3) {
                    break;
                }
            }
            for (int k = i; k <= last; k++) speech[k] = true;
        }
    }

    /**
     * How far above the floor a decaying end is still told from noise: the noise's typical level plus twice its
     * downward spread (median minus 10th percentile of the frames near the floor, which quiet speech does not
     * reach), at least {@link #MIN_TAIL_DB} and at most the release margin.
     */
    double tailMargin(float[] levels, float[] floor) {
        int count = 0;
        float[] noise = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            double above = levels[i] - floor[i];
            if (above < settings.minMarginDb()) noise[count++] = (float) above;
        }
        if (count < 20) return settings.minMarginDb();
        float[] part = Arrays.copyOf(noise, count);
        double median = percentile(part.clone(), 50);
        double low = percentile(part, 10);
        return Math.max(MIN_TAIL_DB, Math.min(settings.minMarginDb(), median + 2 * (median - low)));
    }

    /** Local noise floor per frame: a low percentile over one-second blocks, smoothed over the floor window. */
    private float[] localFloor(float[] levels) {
        int perBlock = Math.max(1, (int) Math.round(1.0 / settings.hopSeconds()));
        int blocks = (levels.length + perBlock - 1) / perBlock;
        float[] blockFloor = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            float[] part = Arrays.copyOfRange(levels, b * perBlock, Math.min(levels.length, (b + 1) * perBlock));
            blockFloor[b] = (float) percentile(part, settings.floorPercentile());
        }
        int half = Math.max(1, (int) Math.round(settings.floorWindow() / 2));
        float[] smoothed = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            float[] window = Arrays.copyOfRange(blockFloor, Math.max(0, b - half), Math.min(blocks, b + half + 1));
            // a low percentile of block floors: a pause somewhere in the window sets the floor, speech does not
            smoothed[b] = (float) percentile(window, 20);
        }
        float[] floor = new float[levels.length];
        for (int i = 0; i < levels.length; i++) floor[i] = smoothed[i / perBlock];
        return floor;
    }

    /** Sets runs of {@code value} shorter than {@code maxLen} to {@code replacement}; edge runs of pauses stay. */
    static void fillRuns(boolean[] xs, boolean value, int maxLen, boolean replacement) {
        int i = 0;
        while (i < xs.length) {
            if (xs[i] != value) {
                i++;
                continue;
            }
            int j = i;
            while (j < xs.length && xs[j] == value) j++;
            boolean interior = i > 0 && j < xs.length;
            // a pause at the very start or end is not "between" speech, so it is never bridged
            boolean eligible = value ? true : interior;
            if (j - i < maxLen && eligible) Arrays.fill(xs, i, j, replacement);
            i = j;
        }
    }

    /** The p-th percentile of xs (sorts xs in place). */
    static double percentile(float[] xs, double p) {
        if (xs.length == 0) return SILENCE_DB;
        Arrays.sort(xs);
        int k = (int) Math.floor(p / 100.0 * (xs.length - 1));
        return xs[Math.max(0, Math.min(xs.length - 1, k))];
    }

    /** Measures the RMS level of each (filtered) frame. */
    private static final class LevelMeter implements AudioProcessor {
        private float[] levels;
        private int count;

        LevelMeter(int capacity) {
            levels = new float[Math.max(16, capacity)];
        }

        @Override
        public boolean process(AudioEvent e) {
            float[] buf = e.getFloatBuffer();
            double sum = 0;
            for (float v : buf) sum += (double) v * v;
            double rms = Math.sqrt(sum / buf.length);
            float db = rms <= 1e-5 ? SILENCE_DB : (float) (20 * Math.log10(rms));
            if (count == levels.length) levels = Arrays.copyOf(levels, levels.length * 2);
            levels[count++] = Math.max(SILENCE_DB, db);
            return true;
        }

        @Override
        public void processingFinished() {
            // nothing to release
        }

        float[] levels() {
            return Arrays.copyOf(levels, count);
        }
    }
}
