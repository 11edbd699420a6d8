package org.samtal.speech;

/**
 * Frame features (e.g. MFCCs) of one stretch of audio, row-major: frame {@code i}, coefficient {@code k} at
 * {@code data[i * dims + k]}.
 *
 * @param data   the values
 * @param frames number of frames
 * @param dims   coefficients per frame
 * @param hop    seconds between frames
 * @param offset time in seconds that frame 0 stands for (the centre of its window)
 */
public record FeatureMatrix(float[] data, int frames, int dims, double hop, double offset) {
    public FeatureMatrix {
        if (data.length != frames * dims) throw new IllegalArgumentException("data size != frames * dims");
    }

    /** Euclidean distance between frame {@code i} of this and frame {@code j} of {@code other}. */
    public float distance(int i, FeatureMatrix other, int j) {
        int a = i * dims;
        int b = j * other.dims;
        float s = 0;
        for (int k = 0; k < dims; k++) {
            float d = data[a + k] - other.data[b + k];
            s += d * d;
        }
        return (float) Math.sqrt(s);
    }

    /** Averages every {@code factor} consecutive frames into one: the coarse levels of a multi-resolution search. */
    public FeatureMatrix pooled(int factor) {
        if (factor == 1) return this;
        int n = (frames + factor - 1) / factor;
        float[] out = new float[n * dims];
        for (int i = 0; i < n; i++) {
            int from = i * factor;
            int to = Math.min(frames, from + factor);
            for (int f = from; f < to; f++) {
                for (int k = 0; k < dims; k++) out[i * dims + k] += data[f * dims + k];
            }
            for (int k = 0; k < dims; k++) out[i * dims + k] /= (to - from);
        }
        return new FeatureMatrix(out, n, dims, hop * factor, offset + (factor - 1) * hop / 2);
    }

    /** Cepstral mean and variance normalisation per coefficient, so channel and level differences cancel. */
    public FeatureMatrix normalized() {
        float[] out = data.clone();
        for (int k = 0; k < dims; k++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < frames; i++) {
                double v = data[i * dims + k];
                sum += v;
                sq += v * v;
            }
            double mean = frames == 0 ? 0 : sum / frames;
            double sd = frames == 0 ? 1 : Math.sqrt(Math.max(1e-12, sq / frames - mean * mean));
            for (int i = 0; i < frames; i++) out[i * dims + k] = (float) ((data[i * dims + k] - mean) / sd);
        }
        return new FeatureMatrix(out, frames, dims, hop, offset);
    }

    /**
     * The same sound at another length: {@code count} frames, each the nearest original frame at its relative
     * position (a uniform time stretch; the hop changes so the duration stays).
     */
    public FeatureMatrix stretched(int count) {
        if (count == frames || frames == 0) return this;
        float[] out = new float[count * dims];
        for (int i = 0; i < count; i++) {
            int f = Math.min(frames - 1, (int) Math.floor((i + 0.5) * frames / count));
            System.arraycopy(data, f * dims, out, i * dims, dims);
        }
        return new FeatureMatrix(out, count, dims, hop * frames / count, offset);
    }

    /**
     * Each frame followed by its deltas (the slope of every coefficient over two frames either side): how the
     * spectrum moves carries what a speaker's timbre and a channel's colour do not.
     */
    public FeatureMatrix withDeltas() {
        int d2 = 2 * dims;
        float[] out = new float[frames * d2];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(data, i * dims, out, i * d2, dims);
            for (int k = 0; k < dims; k++) {
                double num = 0;
                for (int n = 1; n <= 2; n++) {
                    int a = Math.min(frames - 1, i + n);
                    int b = Math.max(0, i - n);
                    num += n * (data[a * dims + k] - data[b * dims + k]);
                }
                out[i * d2 + dims + k] = (float) (num / 10);
            }
        }
        return new FeatureMatrix(out, frames, d2, hop, offset);
    }

    /** Frames {@code [from, to)} as a matrix of their own. */
    public FeatureMatrix slice(int from, int to) {
        int a = Math.max(0, Math.min(frames, from));
        int b = Math.max(a, Math.min(frames, to));
        return new FeatureMatrix(java.util.Arrays.copyOfRange(data, a * dims, b * dims), b - a, dims, hop, timeOf(a));
    }

    /** Frame index for a time in seconds, clamped to the matrix. */
    public int frameAt(double seconds) {
        return Math.max(0, Math.min(frames - 1, (int) Math.round((seconds - offset) / hop)));
    }

    /** The time a frame stands for. */
    public double timeOf(int frame) {
        return offset + frame * hop;
    }
}
