package org.samtal.media;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.filters.HighPass;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Joins short clips into one recording with pauses of room tone between them, as a recording's pauses would sound
 * (digital silence between clips would give a speech detector a floor no real recording has): each clip's quietest
 * stretch without any burst in it (the cleanest clip's for a clip cut too tight to have one), crossfaded in and out
 * so no join clicks. Used to align a table's clips together (an aligner's margins need neighbouring sentences) and
 * to make real-speech benchmarks.
 */
public final class ClipJoin {
    /** Length of the crossfade between a clip and room tone, seconds. */
    private static final double FADE_SECONDS = 0.01;
    /**
     * How much louder than the cleanest clip's a clip's room tone may be before the cleanest is used instead: a
     * clip cut tight around its words has no quiet 200 ms, and its "tone" would put speech into the pauses.
     */
    private static final double MAX_TONE_EXCESS_DB = 10;
    /** One-pole high-pass stages of the level filter: each adds 6 dB an octave below 150 Hz. */
    private static final int HIGH_PASS_STAGES = 4;

    private ClipJoin() {
    }

    /**
     * A joined recording.
     *
     * @param pcm    the samples
     * @param starts where each piece starts in it, in samples
     */
    public record Joined(short[] pcm, int[] starts) {
    }

    /**
     * Joins pieces of clips with room tone between them.
     *
     * @param clips  the clips the room tone comes from (each pause holds the tone of the clip after it)
     * @param pieces what of each clip goes in (the whole clip, or its speech)
     * @param pauses samples of room tone before each piece and after the last ({@code pieces.size() + 1})
     * @throws IllegalArgumentException when the join would hold more than 2^31 samples
     */
    public static Joined join(List<short[]> clips, List<short[]> pieces, int sampleRate, int[] pauses) {
        int fade = (int) Math.round(FADE_SECONDS * sampleRate);
        List<RoomTone> tones = clips.stream().map(c -> roomTone(c, sampleRate)).toList();
        RoomTone cleanest = tones.stream().min(Comparator.comparingDouble(RoomTone::loudestDb)).orElseThrow();
        IntFunction<short[]> toneFor = k -> {
            RoomTone t = tones.get(Math.min(k, tones.size() - 1));
            return (t.loudestDb() > cleanest.loudestDb() + MAX_TONE_EXCESS_DB ? cleanest : t).samples();
        };
        long total = 0;
        for (int i = 0; i <= pieces.size(); i++) total += pauses[i] + (i < pieces.size() ? pieces.get(i).length : 0);
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("the joined recording would be too long");
        double[] out = new double[(int) total];
        int[] starts = new int[pieces.size()];
        int pos = 0;
        addRoomTone(out, pos, pauses[0], fade, toneFor.apply(0));
        pos += pauses[0];
        for (int i = 0; i < pieces.size(); i++) {
            short[] c = pieces.get(i);
            starts[i] = pos;
            for (int k = 0; k < c.length; k++) out[pos + k] += c[k] * clipGain(k, c.length, fade);
            addRoomTone(out, pos + c.length, pauses[i + 1], fade, toneFor.apply(i + 1));
            pos += c.length + pauses[i + 1];
        }
        short[] pcm = new short[out.length];
        for (int k = 0; k < out.length; k++) pcm[k] = Pcm.sample(out[k]);
        return new Joined(pcm, starts);
    }

    /** A clip's weight at sample {@code k}: fading in and out over its first and last {@code fade} samples. */
    public static double clipGain(int k, int length, int fade) {
        int d = Math.min(k, length - 1 - k);
        return d >= fade ? 1 : Math.cos(Math.PI / 2 * (1 - (d + 0.5) / fade));
    }

    /**
     * Adds room tone over {@code [from, from + n)} and, fading, over {@code fade} samples either side, where the
     * clips fade out and in: the two are unrelated noises, so sine and cosine weights keep the level steady.
     */
    public static void addRoomTone(double[] out, int from, int n, int fade, short[] tone) {
        if (tone.length == 0) return;
        for (int i = -fade; i < n + fade; i++) {
            int at = from + i;
            if (at < 0 || at >= out.length) continue;
            int d = i < 0 ? -i - 1 : i >= n ? i - n : -1; // samples into a clip, or -1 inside the pause
            double gain = d < 0 ? 1 : Math.sin(Math.PI / 2 * (1 - (d + 0.5) / fade));
            int j = Math.floorMod(i, 2 * tone.length);
            // played forwards and backwards in turn so the loop never clicks
            out[at] += gain * tone[j < tone.length ? j : 2 * tone.length - 1 - j];
        }
    }

    /** A clip's room tone and the level of its loudest 10 ms above 150 Hz, dBFS. */
    public record RoomTone(short[] samples, double loudestDb) {
    }

    /**
     * The clip's room tone: its 200 ms whose loudest 10 ms (above 150 Hz) is quietest. Judging by the loudest frame,
     * not the mean, keeps out a click or breath that a quiet stretch around it would hide.
     */
    public static RoomTone roomTone(short[] clip, int rate) {
        int len = Math.min(clip.length, rate / 5);
        int hop = rate / 100;
        double[] db = frameLevels(clip, rate);
        int span = Math.max(1, len / hop);
        int best = 0;
        double bestLoudest = Double.MAX_VALUE;
        for (int f = 0; f + span <= db.length; f++) {
            double loudest = -Double.MAX_VALUE;
            for (int k = f; k < f + span; k++) loudest = Math.max(loudest, db[k]);
            if (loudest < bestLoudest) {
                bestLoudest = loudest;
                best = f;
            }
        }
        int from = Math.min(best * hop, clip.length - len);
        return new RoomTone(Arrays.copyOfRange(clip, from, from + len), bestLoudest);
    }

    /** The clip less its mean: a recorder's DC offset is no part of the sound. */
    public static short[] withoutDc(short[] clip) {
        double mean = 0;
        for (short s : clip) mean += s;
        mean /= Math.max(1, clip.length);
        short[] out = new short[clip.length];
        for (int i = 0; i < clip.length; i++) {
            out[i] = Pcm.sample(clip[i] - mean);
        }
        return out;
    }

    /** Level of each 10 ms frame above 150 Hz, dB full scale. */
    public static double[] frameLevels(short[] clip, int rate) {
        // the filters start from rest: lead them in with the clip's start mirrored through its first sample, so
        // the start does not step (a step would be a click above 150 Hz)
        int lead = Math.min(clip.length - 1, rate / 50);
        float[] x = new float[lead + clip.length];
        for (int i = 0; i < clip.length; i++) x[lead + i] = clip[i] / 32768f;
        for (int k = 1; k <= lead; k++) x[lead - k] = 2 * x[lead] - x[lead + k];
        for (int stage = 0; stage < HIGH_PASS_STAGES; stage++) {
            AudioEvent e = new AudioEvent(new TarsosDSPAudioFormat(rate, 16, 1, true, false));
            e.setFloatBuffer(x);
            new HighPass(150, rate).process(e);
            x = e.getFloatBuffer();
        }
        int hop = rate / 100;
        int frames = Math.max(1, clip.length / hop);
        double[] db = new double[frames];
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int k = f * hop; k < Math.min(clip.length, (f + 1) * hop); k++) s += (double) x[lead + k] * x[lead + k];
            db[f] = 10 * Math.log10(s / hop + 1e-12);
        }
        return db;
    }

    /** First and last sample of the frames that hold the clip's speech. */
    public static int[] speechEdges(short[] clip, int rate) {
        double[] db = frameLevels(clip, rate);
        int hop = rate / 100;
        int frames = db.length;
        double max = -200;
        double min = 200;
        for (double d : db) {
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        double threshold = Math.max(max - 40, min + 10);
        int a = 0;
        while (a < frames - 1 && db[a] < threshold) a++;
        int b = frames - 1;
        while (b > a && db[b] < threshold) b--;
        return new int[]{a * hop, Math.min(clip.length, (b + 1) * hop)};
    }
}
