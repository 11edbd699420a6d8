package org.samtal.align;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.media.DecodedAudio;
import org.samtal.model.TextUnit;
import org.samtal.speech.SpeechMap;
import org.samtal.text.EditDistance;
import org.samtal.util.Json;
import org.vosk.Model;
import org.vosk.Recognizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aligns with a Vosk recogniser: the recording is recognised with word timings, the recognised characters are
 * aligned with the transcript's (Needleman-Wunsch, so near-matches and different word splits still match), and
 * each sentence takes its time from its matched characters, then moves to the nearest pause edge. Sentences left
 * unplaced are listened to again, between their placed neighbours, by a recogniser limited to their own words
 * (when the model allows a grammar). Every sentence gets what the recogniser heard there, and its CER and WER
 * against the transcript. The transcript's digits are matched as the number words a recogniser writes for them
 * ({@link SpokenNumbers}), so they are timed too and personal data written in digits can be silenced.
 */
public final class VoskAligner implements Aligner {
    public static final String NAME = "vosk";
    /** Samples handed to the recogniser at a time (0.25 s at 16 kHz). */
    private static final int BLOCK = 4000;
    /** Fewer matched characters than this, or a smaller share of the sentence, and a sentence is not placed. */
    private static final int MIN_MATCHED_CHARS = 2;
    private static final double MIN_MATCHED_SHARE = 0.25;

    /** Unplaced stretches shorter than this are not recognised again. */
    private static final double MIN_REDECODE_SECONDS = 0.5;

    private final Model model;
    private final Snapper snapper;
    private final boolean grammar;
    /** The transcript's language: its digits are matched to the recogniser's number words in it. */
    private final String language;
    private final ObjectMapper json = Json.mapper();

    /**
     * @param model       a loaded Vosk model (shared by recordings; Vosk models are thread-safe)
     * @param snapSeconds how far a boundary may move to reach a pause edge
     * @param grammar     whether the model takes a grammar at run time (a lookahead graph, {@code graph/Gr.fst}
     *                    and {@code graph/HCLr.fst}): then stretches left unplaced are recognised again, limited to
     *                    the words expected there
     * @param language    the language of the model and transcripts (a tag): digits are said in its number words
     */
    public VoskAligner(Model model, double snapSeconds, boolean grammar, String language) {
        this.model = model;
        this.snapper = new Snapper(snapSeconds);
        this.grammar = grammar;
        this.language = language;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A recognised word.
     *
     * @param word       the word
     * @param start      seconds
     * @param end        seconds
     * @param confidence Vosk's confidence
     */
    record Word(String word, double start, double end, double confidence) {
    }

    @Override
    public Alignment align(AlignmentRequest request) {
        List<TextUnit> units = request.units();
        long t0 = System.nanoTime();
        List<Word> words = recognize(request.audio(), request.channel());
        long t1 = System.nanoTime();
        Placement first = place(units, words, request.speech(), false);
        List<AlignedSpan> spans = new ArrayList<>(first.spans());
        List<TextUnit> unaligned = new ArrayList<>(first.unaligned());
        Map<Integer, float[]> charTimes = new java.util.HashMap<>(first.charTimes());
        long t2 = System.nanoTime();
        int redecoded = 0;
        if (grammar && !unaligned.isEmpty()) {
            // stretches free recognition could not place: listen again, between the placed neighbours, for just
            // the words expected there
            for (List<TextUnit> run : runs(units, unaligned)) {
                double from = 0;
                double to = request.audio().duration();
                for (AlignedSpan sp : spans) {
                    int k = sp.units().get(0).index();
                    if (k < run.get(0).index() && sp.end() > from) from = sp.end();
                    if (k > run.get(run.size() - 1).index() && sp.start() < to) to = sp.start();
                }
                if (to - from < MIN_REDECODE_SECONDS) continue;
                List<Word> heard = recognizeWithGrammar(request.audio(), request.channel(), from, to, run);
                Placement again = place(run, heard, request.speech(), true);
                for (AlignedSpan sp : again.spans()) {
                    if (sp.start() < from - 0.05 || sp.end() > to + 0.05) continue; // never over a placed neighbour
                    spans.add(sp);
                    unaligned.removeAll(sp.units());
                    redecoded++;
                }
                charTimes.putAll(again.charTimes());
            }
        }
        long t3 = System.nanoTime();
        spans.sort(java.util.Comparator.comparingDouble(AlignedSpan::start));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("recognition_seconds", (t1 - t0) / 1e9);
        metrics.put("text_alignment_seconds", (t2 - t1) / 1e9);
        metrics.put("recognised_words", (double) words.size());
        if (grammar) {
            metrics.put("grammar_redecode_seconds", (t3 - t2) / 1e9);
            metrics.put("grammar_redecoded_units", (double) redecoded);
        }
        Map<Integer, List<org.samtal.model.WordTime>> timed = new java.util.HashMap<>();
        for (AlignedSpan sp : spans) {
            for (TextUnit u : sp.units()) {
                List<org.samtal.model.WordTime> w = wordTimes(u, charTimes.get(u.index()));
                if (!w.isEmpty()) timed.put(u.index(), w);
            }
        }
        return new Alignment(NAME, Spans.disjoint(spans), unaligned, metrics, charTimes, Map.of(), timed);
    }

    /**
     * Sentences placed on recognised words, those left unplaced, and each placed sentence's character times.
     */
    /**
     * A unit's words timed by the characters the recogniser heard: each word from its first heard letter's start to its
     * last heard letter's end. None when a word has no heard letter (a guess would pass for a measurement).
     */
    static List<org.samtal.model.WordTime> wordTimes(TextUnit unit, float[] times) {
        if (times == null) return List.of();
        List<String> words = org.samtal.model.WordTime.words(unit.text());
        List<org.samtal.model.WordTime> out = new ArrayList<>();
        int c = 0;
        for (String w : words) {
            int n = norm(w).length(); // the characters the recogniser's text was matched on
            if (2 * (c + n) > times.length) return List.of();
            float start = Float.NaN;
            float end = Float.NaN;
            for (int i = c; i < c + n; i++) {
                if (Float.isNaN(start) && !Float.isNaN(times[2 * i])) start = times[2 * i];
                if (!Float.isNaN(times[2 * i + 1])) end = times[2 * i + 1];
            }
            if (Float.isNaN(start) || Float.isNaN(end) || end < start) return List.of();
            out.add(new org.samtal.model.WordTime(w, Math.round(start * 1000) / 1000.0, Math.round(end * 1000) / 1000.0));
            c += n;
        }
        return 2 * c == times.length ? out : List.of();
    }

    /**
     * The recognised characters (letters and digits, lower case) in order, each with its share of its word's time.
     *
     * @param chars the characters
     * @param times per character, {start, end} in seconds
     */
    record Heard(int[] chars, List<double[]> times) {
        static Heard of(List<Word> words) {
            List<Integer> chars = new ArrayList<>();
            List<double[]> times = new ArrayList<>();
            for (Word w : words) {
                int[] cps = norm(w.word()).codePoints().toArray();
                for (int i = 0; i < cps.length; i++) {
                    chars.add(cps[i]);
                    double d = (w.end() - w.start()) / cps.length;
                    times.add(new double[]{w.start() + i * d, w.start() + (i + 1) * d});
                }
            }
            return new Heard(chars.stream().mapToInt(Integer::intValue).toArray(), times);
        }
    }

    /**
     * The transcript's characters matched to the recognised ones.
     *
     * @param spoken      the transcript's characters as said (digits in words)
     * @param heard       the recognised characters
     * @param map         per spoken character, the recognised one it is aligned with, or -1
     * @param charSeconds the typical length of a recognised character
     * @param numbers     per group of digit runs, when it was said and how, or {@code null}
     * @param charTimes   per unit index, the times of its written letters and digits
     */
    record Matched(SpokenNumbers.Text spoken, Heard heard, int[] map, double charSeconds,
                   List<SpokenNumbers.Timed> numbers, Map<Integer, float[]> charTimes) {
    }

    /** Aligns the units' characters, digits said in words of {@code language}, with the recognised words'. */
    static Matched match(List<TextUnit> units, List<Word> words, String language) {
        SpokenNumbers.Text spoken = SpokenNumbers.of(units, language);
        Heard heard = Heard.of(words);
        int[] map = CharAlignment.align(spoken.chars(), heard.chars());
        double charSeconds = medianCharSeconds(heard.times());
        List<SpokenNumbers.Timed> numbers = SpokenNumbers.time(spoken, map, heard.chars(), heard.times(), charSeconds);
        return new Matched(spoken, heard, map, charSeconds, numbers,
                SpokenNumbers.writtenTimes(spoken, units, map, heard.times(), numbers));
    }

    private record Placement(List<AlignedSpan> spans, List<TextUnit> unaligned, Map<Integer, float[]> charTimes) {
    }

    /**
     * Places sentences on recognised words: the characters of both are aligned, and each sentence takes its time
     * from its matched characters, then moves out of detected speech.
     *
     * @param constrained whether the words come from a recogniser limited to the sentences' own words (its
     *                    hypotheses are biased towards the text, so the score is discounted)
     */
    private Placement place(List<TextUnit> units, List<Word> words, SpeechMap speech, boolean constrained) {
        // characters of both sides: letters and digits only, lower case; the transcript's digits said in words
        Matched m = match(units, words, language);
        SpokenNumbers.Text spoken = m.spoken();
        int[] unitFirst = spoken.unitFirst();
        int[] unitLast = new int[units.size()];
        for (int k = 0; k < units.size(); k++) unitLast[k] = spoken.unitEnd()[k] - 1;
        List<double[]> hypTimes = m.heard().times();
        int[] map = m.map();
        double charSeconds = m.charSeconds();
        List<SpokenNumbers.Timed> numbers = m.numbers();
        List<AlignedSpan> spans = new ArrayList<>();
        List<TextUnit> unaligned = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) {
            int first = -1;
            int last = -1;
            int matched = 0;
            for (int c = unitFirst[k]; c <= unitLast[k]; c++) {
                if (map[c] < 0) continue;
                matched++;
                if (first < 0) first = c;
                last = c;
            }
            int length = unitLast[k] - unitFirst[k] + 1;
            // a sentence with hardly any recognised characters has no evidence of where it is: leave it out
            // rather than guess (a stray match far away would drag its neighbours with it)
            if (first < 0 || length <= 0 || matched < MIN_MATCHED_CHARS || (double) matched / length < MIN_MATCHED_SHARE) {
                unaligned.add(units.get(k));
                continue;
            }
            // characters before the first match and after the last were said too: allow time for them
            double rawStart = hypTimes.get(map[first])[0] - (first - unitFirst[k]) * charSeconds;
            double rawEnd = hypTimes.get(map[last])[1] + (unitLast[k] - last) * charSeconds;
            double start = snapper.snap(Math.max(0, rawStart), speech.regions(), true, 0);
            double end = snapper.snap(rawEnd, speech.regions(), false, 0);
            if (end <= start) {
                unaligned.add(units.get(k));
                continue;
            }
            String there = heard(words, start, end);
            String said = SpokenNumbers.said(spoken, k, numbers);
            double cer = EditDistance.cer(norm(said), norm(there));
            double wer = EditDistance.wer(normWords(said), normWords(there));
            double conf = words.stream().filter(w -> mid(w) >= start && mid(w) <= end).mapToDouble(Word::confidence)
                    .average().orElse(0);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("matched_chars", (double) matched / length);
            metrics.put("cer", cer);
            metrics.put("wer", wer);
            metrics.put("asr_confidence", conf);
            double score = Calibration.vosk(cer, (double) matched / length);
            if (constrained) {
                // a recogniser that may only say the expected words fills what it cannot say (words its model lacks)
                // with expected words said again: each word heard more often than the sentence has it was forced,
                // and the edges found with forced words are doubtful
                double forced = forcedShare(said, there);
                metrics.put("grammar", 1.0);
                metrics.put("forced_words", forced);
                score *= conf * (1 - forced);
            }
            spans.add(new AlignedSpan(List.of(units.get(k)), start, end, score, metrics, there));
        }
        // each unit's letters and digits as written with the times the recogniser heard them at, for silencing
        // redacted data
        Map<Integer, float[]> charTimes = m.charTimes();
        return new Placement(spans, unaligned, charTimes);
    }

    /** The share of heard words beyond how often the sentence has them. */
    static double forcedShare(String sentence, String heard) {
        Map<String, Integer> allowed = new java.util.HashMap<>();
        for (String w : normWords(sentence).split(" ")) allowed.merge(w, 1, Integer::sum);
        String[] said = normWords(heard).split(" ");
        if (said.length == 0 || said[0].isEmpty()) return 0;
        int extra = 0;
        for (String w : said) {
            int left = allowed.getOrDefault(w, 0);
            if (left > 0) allowed.put(w, left - 1);
            else extra++;
        }
        return (double) extra / said.length;
    }

    /** Maximal runs of consecutive units (in transcript order) among the unplaced ones. */
    private static List<List<TextUnit>> runs(List<TextUnit> units, List<TextUnit> unplaced) {
        java.util.Set<TextUnit> open = new java.util.HashSet<>(unplaced);
        List<List<TextUnit>> out = new ArrayList<>();
        List<TextUnit> run = new ArrayList<>();
        for (TextUnit u : units) {
            if (open.contains(u)) {
                run.add(u);
            } else if (!run.isEmpty()) {
                out.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) out.add(run);
        return out;
    }

    /** Recognises {@code [from, to)} with a grammar of the given sentences' words (and an unknown-word token). */
    List<Word> recognizeWithGrammar(DecodedAudio audio, int channel, double from, double to, List<TextUnit> units) {
        java.util.Set<String> vocabulary = new java.util.LinkedHashSet<>();
        for (TextUnit u : units) vocabulary.addAll(Arrays.asList(normWords(u.text()).split(" ")));
        for (List<SpokenNumbers.Run> group : SpokenNumbers.of(units, language).groups()) {
            for (SpokenNumbers.Run run : group) for (String w : run.words()) vocabulary.addAll(Arrays.asList(normWords(w).split(" ")));
        }
        vocabulary.remove("");
        List<String> phrases = new ArrayList<>(vocabulary);
        phrases.add("[unk]");
        List<Word> words = new ArrayList<>();
        // words the model does not know are left out of the grammar, each with a warning: expected, so not shown
        org.vosk.LibVosk.vosk_set_log_level(-2);
        Recognizer made;
        try {
            made = new Recognizer(model, audio.sampleRate(), json.writeValueAsString(phrases));
        } catch (IOException e) {
            throw new UncheckedIOException("starting a recogniser: " + e.getMessage(), e);
        } finally {
            org.vosk.LibVosk.setLogLevel(org.vosk.LogLevel.WARNINGS);
        }
        try (Recognizer r = made) {
            r.setWords(true);
            long a = audio.sampleAt(from);
            long b = Math.min(audio.numSamples(), audio.sampleAt(to));
            for (long pos = a; pos < b; pos += BLOCK) {
                short[] block = audio.read(channel, pos, Math.min(b, pos + BLOCK));
                if (r.acceptWaveForm(block, block.length)) collect(r.getResult(), words);
            }
            collect(r.getFinalResult(), words);
        } catch (IOException e) {
            throw new UncheckedIOException("recognising: " + e.getMessage(), e);
        }
        List<Word> shifted = new ArrayList<>();
        for (Word w : words) {
            if (w.word().equals("[unk]")) continue;
            shifted.add(new Word(w.word(), w.start() + from, w.end() + from, w.confidence()));
        }
        return shifted;
    }

    /** Runs the recogniser over one channel, streaming it from disk. */
    List<Word> recognize(DecodedAudio audio, int channel) {
        List<Word> words = new ArrayList<>();
        try (Recognizer r = new Recognizer(model, audio.sampleRate()); InputStream in = audio.openStream(channel)) {
            r.setWords(true);
            byte[] buf = new byte[BLOCK * 2];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (r.acceptWaveForm(buf, n)) collect(r.getResult(), words);
            }
            collect(r.getFinalResult(), words);
        } catch (IOException e) {
            throw new UncheckedIOException("recognising: " + e.getMessage(), e);
        }
        return words;
    }

    private void collect(String result, List<Word> out) throws IOException {
        JsonNode node = json.readTree(result);
        for (JsonNode w : node.path("result")) {
            out.add(new Word(w.path("word").asText(), w.path("start").asDouble(), w.path("end").asDouble(),
                    w.path("conf").asDouble(1)));
        }
    }

    private static String heard(List<Word> words, double start, double end) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (mid(w) >= start && mid(w) <= end) sb.append(sb.length() == 0 ? "" : " ").append(w.word());
        }
        return sb.toString();
    }

    private static double mid(Word w) {
        return (w.start() + w.end()) / 2;
    }

    /** Letters and digits only, lower case, NFC: what both sides are compared on. */
    static String norm(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String normWords(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s]", " ")
                .replaceAll("\\s+", " ").strip();
    }

    private static double medianCharSeconds(List<double[]> times) {
        if (times.isEmpty()) return 0.08;
        double[] d = times.stream().mapToDouble(t -> t[1] - t[0]).sorted().toArray();
        return d[d.length / 2];
    }
}
