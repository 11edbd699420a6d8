package org.samtal.synth;

import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real speech with near-exact truth: recorded sentence clips with their transcriptions (Sphinx's
 * {@code <s> words </s> (clip-id)} format, as in Debian's pocketsphinx-testdata) joined into one recording with
 * pauses between them. The pauses hold the clips' own room tone, as a recording's pauses would (digital silence
 * between clips would give a speech detector a floor no real recording has). A sentence's truth is its clip's position plus where speech starts and ends inside the clip,
 * measured on the clip alone: the first and last 10 ms frame within 40 dB of the clip's loudest and 10 dB above
 * its quietest, in the clip high-passed at 150 Hz (a recording's rumble and hum lie below speech and are not its
 * edges).
 */
public final class JoinedClips {
    private static final Pattern LINE = Pattern.compile("^\\s*<s>\\s*(.*?)\\s*</s>\\s*\\(([^)]+)\\)\\s*$");

    private final Media media;
    private final Path workDir;

    public JoinedClips(Media media, Path workDir) {
        this.media = media;
        this.workDir = workDir;
    }

    /**
     * @param pauseSeconds pause put between clips (filled with room tone)
     */
    public SyntheticConversation join(Path transcription, int sampleRate, double pauseSeconds) throws IOException {
        Path dir = transcription.toAbsolutePath().getParent();
        List<short[]> clips = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(transcription, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            Path wav = dir.resolve(m.group(2) + ".wav");
            DecodedAudio a = media.decode(wav, new DecodeOptions(sampleRate, 0, true), workDir, null);
            try {
                clips.add(a.read(0, 0, a.numSamples()));
            } finally {
                a.delete();
            }
            String t = m.group(1).replaceAll("\\s+", " ").strip();
            texts.add(Character.toUpperCase(t.charAt(0)) + t.substring(1) + ".");
        }
        int pause = (int) Math.round(pauseSeconds * sampleRate);
        int total = pause;
        for (short[] c : clips) total += c.length + pause;
        short[] out = new short[total];
        List<TruthSentence> truth = new ArrayList<>();
        List<ConversationScript.Line> lines = new ArrayList<>();
        int pos = pause;
        fillRoomTone(out, 0, pause, roomTone(clips.get(0), sampleRate));
        for (int i = 0; i < clips.size(); i++) {
            short[] c = clips.get(i);
            fillRoomTone(out, pos + c.length, pause, roomTone(i + 1 < clips.size() ? clips.get(i + 1) : c, sampleRate));
            System.arraycopy(c, 0, out, pos, c.length);
            int[] edges = speechEdges(c, sampleRate);
            truth.add(new TruthSentence(i, i, "reader", texts.get(i), (double) (pos + edges[0]) / sampleRate,
                    (double) (pos + edges[1]) / sampleRate, 0));
            lines.add(new ConversationScript.Line("reader", List.of(texts.get(i))));
            pos += c.length + pause;
        }
        return new SyntheticConversation(sampleRate, new short[][]{out}, truth, lines);
    }

    /** The clip's quietest 200 ms: its room tone. */
    static short[] roomTone(short[] clip, int rate) {
        int len = Math.min(clip.length, rate / 5);
        int hop = rate / 100;
        int best = 0;
        double bestEnergy = Double.MAX_VALUE;
        for (int a = 0; a + len <= clip.length; a += hop) {
            double e = 0;
            for (int k = a; k < a + len; k++) e += (double) clip[k] * clip[k];
            if (e < bestEnergy) {
                bestEnergy = e;
                best = a;
            }
        }
        return java.util.Arrays.copyOfRange(clip, best, best + len);
    }

    /** Fills {@code out[from, from + n)} with the room tone, played forwards and backwards in turn so it never clicks. */
    static void fillRoomTone(short[] out, int from, int n, short[] tone) {
        if (tone.length == 0) return;
        for (int i = 0; i < n && from + i < out.length; i++) {
            int round = i / tone.length;
            int k = i % tone.length;
            out[from + i] = tone[round % 2 == 0 ? k : tone.length - 1 - k];
        }
    }

    /** First and last sample of the frames that hold the clip's speech. */
    static int[] speechEdges(short[] clip, int rate) {
        float[] x = new float[clip.length];
        for (int i = 0; i < clip.length; i++) x[i] = clip[i] / 32768f;
        be.tarsos.dsp.AudioEvent e = new be.tarsos.dsp.AudioEvent(new be.tarsos.dsp.io.TarsosDSPAudioFormat(rate, 16, 1, true, false));
        e.setFloatBuffer(x);
        new be.tarsos.dsp.filters.HighPass(150, rate).process(e);
        float[] y = e.getFloatBuffer();
        int hop = rate / 100;
        int frames = Math.max(1, clip.length / hop);
        double[] db = new double[frames];
        double max = -200;
        double min = 200;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int k = f * hop; k < Math.min(clip.length, (f + 1) * hop); k++) s += (double) y[k] * y[k];
            db[f] = 10 * Math.log10(s / hop + 1e-12);
            max = Math.max(max, db[f]);
            min = Math.min(min, db[f]);
        }
        double threshold = Math.max(max - 40, min + 10);
        int a = 0;
        while (a < frames - 1 && db[a] < threshold) a++;
        int b = frames - 1;
        while (b > a && db[b] < threshold) b--;
        return new int[]{a * hop, Math.min(clip.length, (b + 1) * hop)};
    }
}
