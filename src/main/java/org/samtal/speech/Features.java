package org.samtal.speech;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.UniversalAudioInputStream;
import be.tarsos.dsp.mfcc.MFCC;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HammingWindow;
import org.samtal.media.DecodedAudio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * MFCC features through a TarsosDSP chain. Real and synthetic speech go through the same settings so that their
 * frames can be compared.
 */
public final class Features {
    private final double hopSeconds;
    private final int coefficients;

    /**
     * @param hopSeconds   seconds between frames
     * @param coefficients MFCC coefficients per frame (c0 included)
     */
    public Features(double hopSeconds, int coefficients) {
        this.hopSeconds = hopSeconds;
        this.coefficients = coefficients;
    }

    public double hopSeconds() {
        return hopSeconds;
    }

    /** Analysis window in samples at a rate: about 32 ms, a power of two (512 at 16 kHz). */
    static int window(int rate, int hop) {
        int frame = Integer.highestOneBit(Math.max(2, (int) Math.round(0.032 * rate) - 1)) * 2;
        return Math.max(frame, hop);
    }

    /** The time frame 0 stands for: the centre of its window. */
    public double frameCentre(int rate) {
        return window(rate, (int) Math.round(hopSeconds * rate)) / 2.0 / rate;
    }

    /** MFCCs of one channel of decoded audio, streamed from disk. */
    public FeatureMatrix mfcc(DecodedAudio audio, int channel) {
        try (InputStream in = audio.openStream(channel)) {
            return mfcc(in, audio.sampleRate(), audio.numSamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MFCCs of one channel of decoded audio, streamed from disk, the later half of the frames made on
     * {@code helper}'s thread at the same time. A frame depends on its own samples only, so the halves joined are
     * the frames of {@link #mfcc(DecodedAudio, int)} to the bit.
     *
     * @param helper a second thread, or {@code null} for one pass on this one
     */
    public FeatureMatrix mfcc(DecodedAudio audio, int channel, ExecutorService helper) {
        int rate = audio.sampleRate();
        int hop = (int) Math.round(hopSeconds * rate);
        int frame = window(rate, hop);
        long samples = audio.numSamples();
        long split = samples / 2 / hop; // frames of the first half
        if (helper == null || split < 2 || samples - split * hop < frame) return mfcc(audio, channel);
        Future<FeatureMatrix> later = helper.submit(() -> part(audio, channel, split * hop, samples - split * hop));
        // the first half's last frame reaches a window past its last hop into the second half
        FeatureMatrix first = part(audio, channel, 0, (split - 1) * hop + frame);
        FeatureMatrix second = org.samtal.util.Tasks.result(later, "computing features");
        int head = (int) Math.min(split, first.frames()) * coefficients;
        float[] data = Arrays.copyOf(first.data(), head + second.data().length);
        System.arraycopy(second.data(), 0, data, head, second.data().length);
        return new FeatureMatrix(data, data.length / coefficients, coefficients, hopSeconds, first.offset());
    }

    /** MFCCs of samples {@code [from, from + count)} of one channel. */
    private FeatureMatrix part(DecodedAudio audio, int channel, long from, long count) {
        try (InputStream in = audio.openStream(channel)) {
            in.skipNBytes(from * 2);
            return mfcc(new Bounded(in, count * 2), audio.sampleRate(), count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code remaining} bytes of a stream. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long bytes) {
            super(in);
            this.remaining = bytes;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) return -1;
            int b = super.read();
            if (b >= 0) remaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) return -1;
            int r = super.read(b, off, (int) Math.min(len, remaining));
            if (r > 0) remaining -= r;
            return r;
        }
    }

    /** MFCCs of 16-bit samples. */
    public FeatureMatrix mfcc(short[] pcm, int sampleRate) {
        return mfcc(org.samtal.media.Pcm.stream(pcm), sampleRate, pcm.length);
    }

    private FeatureMatrix mfcc(InputStream pcm, int rate, long samples) {
        int hop = (int) Math.round(hopSeconds * rate);
        int frame = window(rate, hop);
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(rate, 16, 1, true, false);
        AudioDispatcher d = new AudioDispatcher(new UniversalAudioInputStream(pcm, format), frame, frame - hop);
        d.setZeroPadLastBuffer(true);
        TabledMfcc mfcc = new TabledMfcc(frame, rate, coefficients, 30, 100, Math.min(7000, rate / 2f - 200));
        int expected = (int) (samples / hop) + 2;
        Collector collector = new Collector(mfcc, coefficients, expected);
        d.addAudioProcessor(mfcc);
        d.addAudioProcessor(collector);
        d.run();
        float[] data = collector.data();
        return new FeatureMatrix(data, data.length / coefficients, coefficients, hopSeconds, frame / 2.0 / rate);
    }

    /**
     * TarsosDSP's MFCC with the cosines of its DCT computed once and its arrays kept from frame to frame. It computes
     * all the cosines again for every frame (390 a frame, 20 million for ten minutes of real and synthetic speech, as
     * long as the rest of the features together), and allocates seven arrays a frame (a fifth of all the build
     * allocates, which two workers at once pay for in collections and memory traffic). The same steps on the same
     * numbers in the same order as {@link MFCC#process}: the same coefficients to the bit.
     */
    static final class TabledMfcc extends MFCC {
        private final int coefficients;
        private final int melFilters;
        private final int[] centers;
        /** TarsosDSP's MFCC keeps its transform private: the same one, made the same way. */
        private final FFT fft;
        private double[] cosines = new double[0];
        private int filters;
        private float[] frame = new float[0];
        private float[] magnitudes = new float[0];
        private final float[] bands;
        private final float[] logBands;
        private final float[] cepstrum;

        TabledMfcc(int samplesPerFrame, float sampleRate, int coefficients, int melFilters, float lower, float upper) {
            super(samplesPerFrame, sampleRate, coefficients, melFilters, lower, upper);
            this.coefficients = coefficients;
            this.melFilters = melFilters;
            this.centers = getCenterFrequencies();
            this.fft = new FFT(samplesPerFrame, new HammingWindow());
            this.bands = new float[melFilters];
            this.logBands = new float[melFilters];
            this.cepstrum = new float[coefficients];
        }

        @Override
        public boolean process(AudioEvent event) {
            float[] samples = event.getFloatBuffer();
            if (frame.length != samples.length) {
                frame = new float[samples.length];
                magnitudes = new float[samples.length];
            }
            System.arraycopy(samples, 0, frame, 0, samples.length);
            // magnitude spectrum, as MFCC.magnitudeSpectrum
            fft.forwardTransform(frame);
            int half = frame.length / 2;
            for (int k = 0; k < half; k++) {
                magnitudes[half + k] = fft.modulus(frame, half - 1 - k);
                magnitudes[half - 1 - k] = magnitudes[half + k];
            }
            // mel filter bank, as MFCC.melFilter
            for (int k = 1; k <= melFilters; k++) {
                float num1 = 0, num2 = 0;
                float den = (centers[k] - centers[k - 1] + 1);
                for (int i = centers[k - 1]; i <= centers[k]; i++) num1 += magnitudes[i] * (i - centers[k - 1] + 1);
                num1 /= den;
                den = (centers[k + 1] - centers[k] + 1);
                for (int i = centers[k] + 1; i <= centers[k + 1]; i++) num2 += magnitudes[i] * (1 - ((i - centers[k]) / den));
                bands[k - 1] = num1 + num2;
            }
            // natural logarithm with a floor, as MFCC.nonLinearTransformation
            for (int i = 0; i < melFilters; i++) {
                logBands[i] = (float) Math.log(bands[i]);
                if (logBands[i] < -50) logBands[i] = -50;
            }
            dct(logBands, cepstrum);
            return true;
        }

        /** This frame's coefficients, valid until the next frame (not a copy, as {@link #getMFCC()} is). */
        float[] coefficients() {
            return cepstrum;
        }

        @Override
        public float[] cepCoefficients(float[] f) {
            float[] cepc = new float[coefficients];
            dct(f, cepc);
            return cepc;
        }

        private void dct(float[] f, float[] cepc) {
            int m = f.length;
            if (filters != m || cosines.length != coefficients * m) {
                cosines = new double[coefficients * m];
                for (int i = 0; i < coefficients; i++) {
                    for (int j = 0; j < m; j++) cosines[i * m + j] = Math.cos(Math.PI * i / m * (j + 0.5));
                }
                filters = m;
            }
            for (int i = 0; i < coefficients; i++) {
                float c = 0;
                for (int j = 0; j < m; j++) c = (float) (c + f[j] * cosines[i * m + j]);
                cepc[i] = c;
            }
        }
    }

    /** Copies each frame's coefficients out of the MFCC processor. */
    private static final class Collector implements AudioProcessor {
        private final TabledMfcc mfcc;
        private final int dims;
        private float[] data;
        private int frames;

        Collector(TabledMfcc mfcc, int dims, int capacity) {
            this.mfcc = mfcc;
            this.dims = dims;
            this.data = new float[Math.max(1, capacity) * dims];
        }

        @Override
        public boolean process(AudioEvent e) {
            float[] c = mfcc.coefficients();
            if ((frames + 1) * dims > data.length) data = Arrays.copyOf(data, data.length * 2);
            for (int k = 0; k < dims; k++) data[frames * dims + k] = Float.isFinite(c[k]) ? c[k] : 0;
            frames++;
            return true;
        }

        @Override
        public void processingFinished() {
            // nothing held
        }

        float[] data() {
            return Arrays.copyOf(data, frames * dims);
        }
    }
}
