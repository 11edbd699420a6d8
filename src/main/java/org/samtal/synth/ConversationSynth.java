package org.samtal.synth;

import org.samtal.media.Pcm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes a conversation from a script with espeak-ng, recording where every sentence's speech really starts and
 * ends. Seeded: the same settings give the same samples.
 */
public final class ConversationSynth {
    /** Samples quieter than this (of 32767) count as silence when measuring the truth. */
    private static final int SILENCE = 64;

    private final Espeak espeak;

    public ConversationSynth(Espeak espeak) {
        this.espeak = espeak;
    }

    /**
     * Settings for one conversation.
     *
     * @param sampleRate       output rate
     * @param stereo           one speaker per channel (speaker i on channel i mod 2) instead of a mono mix
     * @param snrDb            white-noise level relative to the speech, or NaN for none
     * @param minPause         shortest pause between sentences, seconds
     * @param maxPause         longest pause between sentences, seconds
     * @param turnPause        extra pause at a change of speaker, seconds
     * @param leadIn           silence (or noise) before the first sentence, seconds
     * @param seed             random seed for pauses and noise
     * @param language         espeak-ng language for the default voices
     * @param introSeconds     a stretch of music-like tones before the first sentence (not in the transcript)
     * @param gapSeconds       a long silence put once, in the middle of the conversation
     * @param crosstalkDb      stereo: each speaker also leaks into the other channel this many dB down (a few ms
     *                         late, as from a microphone a metre further away), or NaN for none
     * @param overlapSeconds   at every third change of speaker, the next speaker starts this long before the previous
     *                         one stops (at most half of either sentence); 0 for none
     */
    public record Settings(int sampleRate, boolean stereo, double snrDb, double minPause, double maxPause,
                           double turnPause, double leadIn, long seed, String language, double introSeconds,
                           double gapSeconds, double crosstalkDb, double overlapSeconds) {
        public static Settings defaults(String language) {
            return new Settings(16_000, false, Double.NaN, 0.35, 0.9, 0.4, 0.5, 42, language, 0, 0, Double.NaN, 0);
        }

        /** A telephone or studio interview: crosstalk between the channels, and speakers talking over each other. */
        public Settings withCrosstalk(double db, double overlap) {
            return new Settings(sampleRate, stereo, snrDb, minPause, maxPause, turnPause, leadIn, seed, language, introSeconds,
                    gapSeconds, db, overlap);
        }

        public Settings withRate(int rate) {
            return new Settings(rate, stereo, snrDb, minPause, maxPause, turnPause, leadIn, seed, language, introSeconds, gapSeconds, crosstalkDb, overlapSeconds);
        }

        public Settings withStereo(boolean s) {
            return new Settings(sampleRate, s, snrDb, minPause, maxPause, turnPause, leadIn, seed, language, introSeconds, gapSeconds, crosstalkDb, overlapSeconds);
        }

        public Settings withSnr(double snr) {
            return new Settings(sampleRate, stereo, snr, minPause, maxPause, turnPause, leadIn, seed, language, introSeconds, gapSeconds, crosstalkDb, overlapSeconds);
        }

        public Settings withSeed(long s) {
            return new Settings(sampleRate, stereo, snrDb, minPause, maxPause, turnPause, leadIn, s, language, introSeconds, gapSeconds, crosstalkDb, overlapSeconds);
        }

        /** Adds audio that is not in the transcript: music-like tones first, a long silence midway. */
        public Settings withExtraAudio(double intro, double gap) {
            return new Settings(sampleRate, stereo, snrDb, minPause, maxPause, turnPause, leadIn, seed, language, intro, gap, crosstalkDb, overlapSeconds);
        }
    }

    /** Default voices: alternating male and female variants with different speeds and pitches. */
    public static Map<String, Voice> defaultVoices(ConversationScript script, String language) {
        String[] variants = {"+m3", "+f3", "+m1", "+f2"};
        int[] wpm = {165, 150, 175, 160};
        int[] pitch = {40, 60, 50, 70};
        Map<String, Voice> voices = new LinkedHashMap<>();
        List<String> speakers = script.speakers();
        for (int i = 0; i < speakers.size(); i++) {
            int k = i % variants.length;
            voices.put(speakers.get(i), new Voice(speakers.get(i), language + variants[k], wpm[k], pitch[k], 0.8));
        }
        return voices;
    }

    public SyntheticConversation synthesize(ConversationScript script, Map<String, Voice> voices, Settings s) {
        SplittableRandom rnd = new SplittableRandom(s.seed());
        List<String> speakers = script.speakers();
        List<short[]> pieces = new ArrayList<>();
        List<TruthSentence> truth = new ArrayList<>();
        List<Integer> pieceChannel = new ArrayList<>();
        List<Long> pieceStart = new ArrayList<>();
        long cursor = Math.round(s.leadIn() * s.sampleRate());
        if (s.introSeconds() > 0) {
            short[] music = music(s.introSeconds(), s.sampleRate());
            for (int c = 0; c < (s.stereo() ? 2 : 1); c++) {
                pieces.add(music);
                pieceChannel.add(c);
                pieceStart.add(cursor);
            }
            cursor += music.length + Math.round(0.5 * s.sampleRate());
        }
        int sentences = script.lines().stream().mapToInt(l -> l.sentences().size()).sum();
        // repeated sentences (long test recordings repeat a script) are synthesised once
        Map<String, short[]> cache = new java.util.HashMap<>();
        int index = 0;
        String previous = null;
        int changes = 0;
        long previousStart = 0;
        for (int t = 0; t < script.lines().size(); t++) {
            ConversationScript.Line line = script.lines().get(t);
            Voice v = voices.get(line.speaker());
            if (v == null) throw new IllegalArgumentException("no voice for speaker " + line.speaker());
            int channel = s.stereo() ? speakers.indexOf(line.speaker()) % 2 : 0;
            for (String sentence : line.sentences()) {
                short[] speech = cache.computeIfAbsent(v.voice() + "|" + v.wpm() + "|" + v.pitch() + "|" + sentence,
                        key -> trim(espeak.speak(sentence, v.voice(), v.wpm(), v.pitch(), s.sampleRate()), v.gain()));
                boolean change = previous != null && !line.speaker().equals(previous);
                if (change) changes++;
                if (index > 0 && change && s.overlapSeconds() > 0 && changes % 3 == 1) {
                    // talking over the end of the previous sentence, never over more than half of either
                    long over = Math.min(Math.round(s.overlapSeconds() * s.sampleRate()),
                            Math.min(speech.length, cursor - previousStart) / 2);
                    cursor -= over;
                } else if (index > 0) {
                    double pause = s.minPause() + rnd.nextDouble() * (s.maxPause() - s.minPause());
                    if (change) pause += s.turnPause();
                    if (index == sentences / 2) pause += s.gapSeconds();
                    cursor += Math.round(pause * s.sampleRate());
                }
                previousStart = cursor;
                pieces.add(speech);
                pieceChannel.add(channel);
                pieceStart.add(cursor);
                truth.add(new TruthSentence(index, t, line.speaker(), sentence, (double) cursor / s.sampleRate(),
                        (double) (cursor + speech.length) / s.sampleRate(), channel));
                cursor += speech.length;
                index++;
                previous = line.speaker();
            }
        }
        long total = cursor + Math.round(s.leadIn() * s.sampleRate());
        int channels = s.stereo() ? 2 : 1;
        float[][] mix = new float[channels][Math.toIntExact(total)];
        double energy = 0;
        long speechSamples = 0;
        for (int i = 0; i < pieces.size(); i++) {
            short[] p = pieces.get(i);
            float[] dst = mix[pieceChannel.get(i)];
            int off = Math.toIntExact(pieceStart.get(i));
            for (int k = 0; k < p.length; k++) {
                dst[off + k] += p[k];
                energy += (double) p[k] * p[k];
            }
            speechSamples += p.length;
        }
        if (channels == 2 && !Double.isNaN(s.crosstalkDb())) crosstalk(mix, pieces, pieceChannel, pieceStart, s);
        if (!Double.isNaN(s.snrDb()) && speechSamples > 0) {
            double speechRms = Math.sqrt(energy / speechSamples);
            double noiseRms = speechRms / Math.pow(10, s.snrDb() / 20);
            for (float[] ch : mix) {
                for (int k = 0; k < ch.length; k++) ch[k] += (float) (rnd.nextGaussian() * noiseRms);
            }
        }
        short[][] out = new short[channels][];
        for (int c = 0; c < channels; c++) {
            out[c] = new short[mix[c].length];
            for (int k = 0; k < mix[c].length; k++) {
                out[c][k] = Pcm.sample(mix[c][k]);
            }
        }
        return new SyntheticConversation(s.sampleRate(), out, truth, script.lines());
    }

    /** How much later crosstalk reaches the other microphone, seconds (about a metre and a half of air). */
    static final double CROSSTALK_DELAY_SECONDS = 0.004;

    /** Adds each piece to the other channel, {@code crosstalkDb} down and {@link #CROSSTALK_DELAY_SECONDS} late. */
    private static void crosstalk(float[][] mix, List<short[]> pieces, List<Integer> pieceChannel, List<Long> pieceStart,
                                  Settings s) {
        float gain = (float) Math.pow(10, s.crosstalkDb() / 20);
        int delay = (int) Math.round(CROSSTALK_DELAY_SECONDS * s.sampleRate());
        for (int i = 0; i < pieces.size(); i++) {
            short[] p = pieces.get(i);
            float[] dst = mix[1 - pieceChannel.get(i)];
            int off = Math.toIntExact(pieceStart.get(i)) + delay;
            for (int k = 0; k < p.length && off + k < dst.length; k++) dst[off + k] += gain * p[k];
        }
    }

    /**
     * Stands in for a jingle: a chord that changes every half second, with a little noise, at speech level. It has
     * pitch and rhythm like music and no words, so no sentence belongs there.
     */
    static short[] music(double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        short[] out = new short[n];
        double[][] chords = {{220, 277.2, 329.6}, {196, 246.9, 293.7}, {174.6, 220, 261.6}, {164.8, 207.7, 246.9}};
        SplittableRandom rnd = new SplittableRandom(7);
        int step = rate / 2;
        for (int i = 0; i < n; i++) {
            double[] chord = chords[(i / step) % chords.length];
            double t = (double) i / rate;
            double env = Math.min(1, (i % step) / (0.02 * rate)); // soft attack on every chord
            double v = 0;
            for (double f : chord) v += Math.sin(2 * Math.PI * f * t);
            out[i] = (short) Math.round(2500 * env * v + 300 * rnd.nextGaussian());
        }
        return out;
    }

    /** Cuts espeak-ng's leading and trailing silence so the truth marks the speech itself. */
    private static short[] trim(short[] speech, double gain) {
        int a = 0;
        int b = speech.length;
        while (a < b && Math.abs(speech[a]) < SILENCE) a++;
        while (b > a && Math.abs(speech[b - 1]) < SILENCE) b--;
        short[] out = new short[b - a];
        for (int i = 0; i < out.length; i++) out[i] = (short) Math.round(speech[a + i] * gain);
        return out;
    }
}
