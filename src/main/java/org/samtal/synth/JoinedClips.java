package org.samtal.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.samtal.media.DecodeOptions;
import org.samtal.media.ClipJoin;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.Pcm;
import org.samtal.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real speech with near-exact truth: recorded sentence clips with their transcriptions (Sphinx's
 * {@code <s> words </s> (clip-id)} format, as in Debian's pocketsphinx-testdata) joined into one recording with
 * pauses between them. The pauses hold room tone, as a recording's pauses would (digital silence between clips would
 * give a speech detector a floor no real recording has): each clip's quietest stretch without any burst in it (the
 * cleanest clip's for a clip cut too tight to have one), crossfaded in and out so no join clicks. Each clip's DC
 * offset is removed first, so clips with different offsets do not step at the joins.
 *
 * <p>A sentence's truth is its clip's position plus where speech starts and ends inside the clip: taken from
 * reference edges when given (e.g. a forced aligner's first and last word, see {@code corpora/reference}), else
 * measured on the clip alone: the first and last 10 ms frame within 40 dB of the clip's loudest and 10 dB above its
 * quietest, in the clip high-passed at 150 Hz with 24 dB an octave (a recording's rumble and hum lie below speech and
 * are not its edges).
 */
public final class JoinedClips {
    private static final Pattern LINE = Pattern.compile("^\\s*<s>\\s*(.*?)\\s*</s>\\s*\\(([^)]+)\\)\\s*$");

    private final Media media;
    private final Path workDir;

    public JoinedClips(Media media, Path workDir) {
        this.media = media;
        this.workDir = workDir;
    }

    /** Where speech starts and ends inside a clip, seconds from the clip's start. */
    public record Edges(double start, double end) {
    }

    /**
     * @param pauseSeconds pause put between clips (filled with room tone)
     * @param reference    speech edges per clip id, used as the truth for the clips they name (others are measured)
     */
    public SyntheticConversation join(Path transcription, int sampleRate, double pauseSeconds,
                                      Map<String, Edges> reference) throws IOException {
        List<Clip> clips = readClips(transcription, sampleRate);
        int pause = (int) Math.round(pauseSeconds * sampleRate);
        int[] pauses = new int[clips.size() + 1];
        Arrays.fill(pauses, pause);
        List<short[]> pcm = clips.stream().map(Clip::pcm).toList();
        ClipJoin.Joined joined = ClipJoin.join(pcm, pcm, sampleRate, pauses);
        List<TruthSentence> truth = new ArrayList<>();
        List<ConversationScript.Line> lines = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            Clip clip = clips.get(i);
            Edges e = edges(clip, reference.get(clip.id()), sampleRate);
            double at = (double) joined.starts()[i] / sampleRate;
            truth.add(new TruthSentence(i, i, "reader", clip.text(), at + e.start(), at + e.end(), 0));
            lines.add(new ConversationScript.Line("reader", List.of(clip.text())));
        }
        return new SyntheticConversation(sampleRate, new short[][]{joined.pcm()}, truth, lines);
    }

    /** One recorded clip: its id, its sentence, its samples (DC removed), who spoke it. */
    private record Clip(String id, String text, short[] pcm, String speaker) {
        Clip(String id, String text, short[] pcm) {
            this(id, text, pcm, "reader");
        }
    }

    /**
     * How clips are joined into one recording.
     *
     * @param tight    cut each clip to its speech, with {@link #TIGHT_TONE_SECONDS} of its own sound either side,
     *                 as sentences follow each other in conversation; else whole clips (their own leading and
     *                 trailing silence, clicks and noise kept)
     * @param minPause shortest pause put between clips, seconds (room tone)
     * @param maxPause longest; each pause is drawn between the two
     * @param seed     seed of the pause lengths
     */
    public record JoinSettings(boolean tight, double minPause, double maxPause, long seed) {
        /** The two ways of the real-speech benchmarks: whole clips with 0.5-1 s pauses, or tight with 0.25-0.6 s. */
        public static JoinSettings of(boolean tight, long seed) {
            return tight ? new JoinSettings(true, 0.25, 0.6, seed) : new JoinSettings(false, 0.5, 1.0, seed);
        }
    }

    /** Sound kept either side of a clip's speech when clips are joined tight, seconds. */
    static final double TIGHT_TONE_SECONDS = 0.1;

    /**
     * Joins the clips a table lists (a tab-separated file with a header, as Samrómur's {@code metadata.tsv} and
     * Common Voice's tables: a file column and a text column, optionally a speaker column), in the table's order.
     * Each truth sentence keeps its clip's span in the joined recording, so a placement can be judged by whether it
     * falls inside its own clip, and its speech edges measured from the clip's level.
     *
     * @param textColumn which column holds the transcript (e.g. {@code sentence}, or {@code sentence_norm} for the
     *                   lower-case normalised form)
     * @param limit      join at most this many clips (0: all)
     */
    public SyntheticConversation joinTable(Path table, String textColumn, int sampleRate, JoinSettings join, int limit)
            throws IOException {
        List<Clip> clips = readTable(table, textColumn, sampleRate, limit);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(join.seed());
        // each clip as it goes in: whole, or cut to its speech with a little of its own sound either side
        List<short[]> pieces = new ArrayList<>();
        List<Edges> inner = new ArrayList<>();
        for (Clip c : clips) {
            int[] e = speechEdges(c.pcm(), sampleRate);
            if (join.tight()) {
                int keep = (int) Math.round(TIGHT_TONE_SECONDS * sampleRate);
                int a = Math.max(0, e[0] - keep);
                int b = Math.min(c.pcm().length, e[1] + keep);
                pieces.add(Arrays.copyOfRange(c.pcm(), a, b));
                inner.add(new Edges((double) (e[0] - a) / sampleRate, (double) (e[1] - a) / sampleRate));
            } else {
                pieces.add(c.pcm());
                inner.add(new Edges((double) e[0] / sampleRate, (double) e[1] / sampleRate));
            }
        }
        int[] pauses = new int[clips.size() + 1];
        for (int i = 0; i <= clips.size(); i++) {
            double p = i == 0 || i == clips.size() ? join.maxPause()
                    : join.minPause() + rnd.nextDouble() * (join.maxPause() - join.minPause());
            pauses[i] = (int) Math.round(p * sampleRate);
        }
        ClipJoin.Joined joined;
        try {
            joined = ClipJoin.join(clips.stream().map(Clip::pcm).toList(), pieces, sampleRate, pauses);
        } catch (IllegalArgumentException e) {
            throw new IOException(table + ": " + e.getMessage() + "; pass a limit");
        }
        List<TruthSentence> truth = new ArrayList<>();
        List<ConversationScript.Line> lines = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            double at = (double) joined.starts()[i] / sampleRate;
            Edges e = inner.get(i);
            truth.add(new TruthSentence(i, i, clips.get(i).speaker(), clips.get(i).text(), at + e.start(), at + e.end(), 0,
                    at, at + (double) pieces.get(i).length / sampleRate));
            lines.add(new ConversationScript.Line(clips.get(i).speaker(), List.of(clips.get(i).text())));
        }
        return new SyntheticConversation(sampleRate, new short[][]{joined.pcm()}, truth, lines);
    }

    /**
     * A telephone or studio interview from read clips: two speakers of a table, one a channel, taking turns (their
     * clips alternate, each cut to its speech with {@link #TIGHT_TONE_SECONDS} of its own sound); each channel holds
     * its speaker's room tone between their turns, and the other speaker's speech leaking in {@code crosstalkDb}
     * down and {@link ConversationSynth#CROSSTALK_DELAY_SECONDS} late; at every third change of speaker the next
     * starts {@code overlapSeconds} before the previous one stops (at most half of either). Each truth sentence keeps
     * its channel and its clip's span.
     *
     * @param speakers the two speakers (the table's ids), or empty for the first two the table lists
     */
    public SyntheticConversation joinTableStereo(Path table, String textColumn, int sampleRate, JoinSettings join,
                                                 List<String> speakers, double crosstalkDb, double overlapSeconds)
            throws IOException {
        List<Clip> all = readTable(table, textColumn, sampleRate, 0);
        List<String> who = new ArrayList<>(speakers);
        for (Clip c : all) if (who.size() < 2 && !who.contains(c.speaker())) who.add(c.speaker());
        if (who.size() != 2) throw new IOException(table + ": a conversation needs two speakers; it has " + who);
        List<List<Clip>> own = new ArrayList<>();
        for (String w : who) {
            own.add(all.stream().filter(c -> c.speaker().equals(w)).toList());
            if (own.get(own.size() - 1).isEmpty()) throw new IOException(table + " has no clip of speaker " + w);
        }
        List<Clip> order = new ArrayList<>();
        List<Integer> channelOf = new ArrayList<>();
        for (int i = 0; i < Math.max(own.get(0).size(), own.get(1).size()); i++) {
            for (int c = 0; c < 2; c++) {
                if (i < own.get(c).size()) {
                    order.add(own.get(c).get(i));
                    channelOf.add(c);
                }
            }
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(join.seed());
        int keep = (int) Math.round(TIGHT_TONE_SECONDS * sampleRate);
        List<short[]> pieces = new ArrayList<>();
        List<Edges> inner = new ArrayList<>();
        int[] starts = new int[order.size()];
        int cursor = (int) Math.round(join.maxPause() * sampleRate);
        int changes = 0;
        for (int i = 0; i < order.size(); i++) {
            short[] pcm = order.get(i).pcm();
            int[] e = speechEdges(pcm, sampleRate);
            int a = Math.max(0, e[0] - keep);
            int b = Math.min(pcm.length, e[1] + keep);
            short[] piece = Arrays.copyOfRange(pcm, a, b);
            boolean change = i > 0 && !channelOf.get(i).equals(channelOf.get(i - 1));
            if (change) changes++;
            if (change && overlapSeconds > 0 && changes % 3 == 1) {
                cursor -= (int) Math.min(Math.round(overlapSeconds * sampleRate), Math.min(piece.length, pieces.get(i - 1).length) / 2);
            } else if (i > 0) {
                cursor += (int) Math.round((join.minPause() + rnd.nextDouble() * (join.maxPause() - join.minPause())) * sampleRate);
            }
            starts[i] = cursor;
            pieces.add(piece);
            inner.add(new Edges((double) (e[0] - a) / sampleRate, (double) (e[1] - a) / sampleRate));
            cursor += piece.length;
        }
        int total = cursor + (int) Math.round(join.maxPause() * sampleRate);
        int fade = (int) Math.round(0.01 * sampleRate);
        double[][] speech = new double[2][total];
        double[][] out = new double[2][total];
        for (int c = 0; c < 2; c++) {
            short[] tone = ClipJoin.roomTone(own.get(c).get(0).pcm(), sampleRate).samples();
            int from = 0;
            for (int i = 0; i < order.size(); i++) {
                if (channelOf.get(i) != c) continue;
                ClipJoin.addRoomTone(out[c], from, starts[i] - from, fade, tone);
                short[] piece = pieces.get(i);
                for (int k = 0; k < piece.length; k++) speech[c][starts[i] + k] += piece[k] * ClipJoin.clipGain(k, piece.length, fade);
                from = starts[i] + piece.length;
            }
            ClipJoin.addRoomTone(out[c], from, total - from, fade, tone);
        }
        double gain = Double.isNaN(crosstalkDb) ? 0 : Math.pow(10, crosstalkDb / 20);
        int delay = (int) Math.round(ConversationSynth.CROSSTALK_DELAY_SECONDS * sampleRate);
        short[][] channels = new short[2][total];
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < total; k++) {
                double leak = k >= delay ? gain * speech[1 - c][k - delay] : 0;
                channels[c][k] = Pcm.sample(out[c][k] + speech[c][k] + leak);
            }
        }
        List<TruthSentence> truth = new ArrayList<>();
        List<ConversationScript.Line> lines = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            double at = (double) starts[i] / sampleRate;
            Edges e = inner.get(i);
            Clip clip = order.get(i);
            // a name a transcript's label can hold (a label starts with a letter)
            String name = "speaker " + clip.speaker();
            truth.add(new TruthSentence(i, i, name, clip.text(), at + e.start(), at + e.end(), channelOf.get(i),
                    at, at + (double) pieces.get(i).length / sampleRate));
            lines.add(new ConversationScript.Line(name, List.of(clip.text())));
        }
        return new SyntheticConversation(sampleRate, channels, truth, lines);
    }

    private List<Clip> readTable(Path table, String textColumn, int sampleRate, int limit) throws IOException {
        if (!Files.isRegularFile(table)) {
            throw new IOException(table + " does not exist; give a tab-separated table of clips with a header "
                    + "(e.g. ../shared/realspeech/is-samromur-dev/metadata.tsv)");
        }
        List<String> rows = Files.readAllLines(table, StandardCharsets.UTF_8);
        if (rows.isEmpty()) throw new IOException(table + " is empty");
        List<String> header = List.of(rows.get(0).split("\t", -1));
        int file = firstColumn(header, "filename", "path", "file", "file_name");
        int text = header.indexOf(textColumn);
        int speaker = firstColumn(header, "speaker_id", "client_id", "speaker");
        if (file < 0 || text < 0) {
            throw new IOException(table + ": its header " + header + " needs a file column (filename, path, file) and "
                    + "the text column '" + textColumn + "'");
        }
        Path dir = table.toAbsolutePath().getParent();
        List<Clip> clips = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            if (row.isBlank()) continue;
            if (limit > 0 && clips.size() >= limit) break;
            String[] f = row.split("\t", -1);
            String name = f[file];
            Path audio = Files.isRegularFile(dir.resolve("clips").resolve(name)) ? dir.resolve("clips").resolve(name)
                    : dir.resolve(name);
            if (!Files.isRegularFile(audio)) throw new IOException(table + " lists " + name + ", but neither "
                    + dir.resolve("clips").resolve(name) + " nor " + audio + " exists");
            DecodedAudio a = media.decode(audio, new DecodeOptions(sampleRate, 0, true), workDir, null);
            short[] pcm;
            try {
                pcm = withoutDc(a.read(0, 0, a.numSamples()));
            } finally {
                a.delete();
            }
            String id = name.replaceFirst("\\.[^.]+$", "");
            clips.add(new Clip(id, f[text].strip(), pcm, speaker < 0 ? "reader" : f[speaker]));
        }
        if (clips.isEmpty()) throw new IOException(table + " lists no clips");
        return clips;
    }

    private static int firstColumn(List<String> header, String... names) {
        for (String n : names) if (header.contains(n)) return header.indexOf(n);
        return -1;
    }

    private List<Clip> readClips(Path transcription, int sampleRate) throws IOException {
        if (!Files.isRegularFile(transcription)) {
            throw new IOException(transcription + " does not exist; give a Sphinx transcription file (lines like "
                    + "'<s> words </s> (clip-id)', clip-id.wav next to it), e.g. /usr/share/pocketsphinx/test/data/"
                    + "librivox/transcription from Debian's pocketsphinx-testdata");
        }
        Path dir = transcription.toAbsolutePath().getParent();
        List<Clip> clips = new ArrayList<>();
        for (String line : Files.readAllLines(transcription, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            Path wav = dir.resolve(m.group(2) + ".wav");
            if (!Files.isRegularFile(wav)) {
                throw new IOException(transcription + " lists clip " + m.group(2) + ", but " + wav + " does not exist");
            }
            DecodedAudio a = media.decode(wav, new DecodeOptions(sampleRate, 0, true), workDir, null);
            short[] pcm;
            try {
                pcm = withoutDc(a.read(0, 0, a.numSamples()));
            } finally {
                a.delete();
            }
            String t = m.group(1).replaceAll("\\s+", " ").strip();
            clips.add(new Clip(m.group(2), Character.toUpperCase(t.charAt(0)) + t.substring(1) + ".", pcm));
        }
        if (clips.isEmpty()) {
            throw new IOException(transcription + " lists no clips; expected lines like '<s> words </s> (clip-id)' "
                    + "next to clip-id.wav");
        }
        return clips;
    }

    /** The clip's speech edges: the reference's when it has them (checked to lie inside the clip), else measured. */
    private static Edges edges(Clip clip, Edges reference, int sampleRate) throws IOException {
        int n = clip.pcm().length;
        if (reference == null) {
            int[] e = speechEdges(clip.pcm(), sampleRate);
            return new Edges((double) e[0] / sampleRate, (double) e[1] / sampleRate);
        }
        if (reference.start() < 0 || reference.end() <= reference.start() || reference.end() * sampleRate > n + 1) {
            throw new IOException("reference edges of " + clip.id() + " (" + reference.start() + " to " + reference.end()
                    + " s) do not lie inside the clip (" + (double) n / sampleRate + " s)");
        }
        return reference;
    }

    /**
     * Reads reference edges: {@code {"clips": {"clip-id": {"start": s, "end": s}, ...}}}, seconds inside each clip
     * (other fields, e.g. a forced aligner's word times, are ignored).
     */
    public static Map<String, Edges> readEdges(Path file) throws IOException {
        Map<String, Edges> edges = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) throw new IOException(file + " does not exist; give the reference edges file "
                + "(e.g. corpora/reference/librivox-pocketsphinx.json)");
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON (" + e.getMessage() + "); expected {\"clips\": {\"clip-id\": "
                    + "{\"start\": seconds, \"end\": seconds}, ...}}", e);
        }
        var it = root.path("clips").fields();
        while (it.hasNext()) {
            var f = it.next();
            if (!f.getValue().path("start").isNumber() || !f.getValue().path("end").isNumber()) {
                throw new IOException(file + ": clip " + f.getKey() + " needs numeric \"start\" and \"end\" (seconds)");
            }
            edges.put(f.getKey(), new Edges(f.getValue().get("start").asDouble(), f.getValue().get("end").asDouble()));
        }
        if (edges.isEmpty()) throw new IOException(file + " names no clips under \"clips\"");
        return edges;
    }

    static double[] frameLevels(short[] clip, int rate) {
        return ClipJoin.frameLevels(clip, rate);
    }

    static int[] speechEdges(short[] clip, int rate) {
        return ClipJoin.speechEdges(clip, rate);
    }

    static short[] withoutDc(short[] clip) {
        return ClipJoin.withoutDc(clip);
    }
}
