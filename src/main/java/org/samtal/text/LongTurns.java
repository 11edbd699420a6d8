package org.samtal.text;

import org.samtal.model.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits runs of text that are not sentences (an unpunctuated transcript, a long unpunctuated line, clauses joined
 * by commas without a stop) into pieces of at most {@link #MAX_WORDS} words, so that an aligner gets units it can
 * place and a segment can hold one. A punctuated sentence of up to twice that length is left whole: a long
 * sentence is still a sentence.
 * Each piece ends at the weakest point available: after a comma, semicolon, colon or dash, else before a
 * conjunction, else where the run divides evenly.
 */
final class LongTurns {
    /** The most words a unit keeps: about 10 s of speech, well inside the default 20 s segment limit. */
    static final int MAX_WORDS = 25;
    private static final Pattern WORD = Pattern.compile("\\S+");
    /** Conjunctions of the languages samtal knows best; a new clause often starts at one. */
    private static final Set<String> CONJUNCTIONS = Set.of(
            "og", "en", "eða", "sem", "því", "þegar", "ef", "heldur", "enda", "þó", "svo",
            "and", "but", "or", "so", "because", "when", "which", "while", "whereas", "although",
            "und", "aber", "oder", "weil", "och", "men", "eller", "ale", "oraz", "że", "et", "mais", "ou", "y", "pero");
    /** The longest sentence spans (the union of abbreviation lists keeps the most stops inside sentences). */
    private static final SentenceSplitter SPLITTER = new SentenceSplitter("is");

    private LongTurns() {
    }

    /**
     * The turns with every over-long sentence split into turns of its own (same speaker); a note says how many
     * were split.
     */
    static List<Turn> split(List<Turn> turns, List<String> notes) {
        List<Turn> out = new ArrayList<>(turns.size());
        int runs = 0;
        int pieces = 0;
        for (Turn turn : turns) {
            if (turn.timed()) {
                out.add(turn);
                continue;
            }
            String text = turn.text();
            List<Integer> cuts = new ArrayList<>();
            for (SentenceSplitter.Span s : SPLITTER.split(text)) {
                if (!run(text.substring(s.start(), s.end()))) continue;
                List<Integer> inside = cuts(text, s.start(), s.end());
                if (!inside.isEmpty()) {
                    runs++;
                    pieces += inside.size() + 1;
                    cuts.addAll(inside);
                }
            }
            if (cuts.isEmpty()) {
                out.add(turn);
                continue;
            }
            int from = 0;
            cuts.add(text.length());
            java.util.Set<Integer> inside = new java.util.HashSet<>(cuts);
            for (int cut : cuts) {
                String piece = text.substring(from, cut);
                int lead = piece.length() - piece.stripLeading().length();
                // a piece after a cut inside a passage carries on the piece before it
                if (!piece.isBlank()) out.add(new Turn(turn.speaker(), piece.strip(), null, null, null,
                        turn.offset() + from + lead, from > 0 && inside.contains(from)));
                from = cut;
            }
        }
        if (runs > 0) {
            notes.add(runs + " passage(s) of more than " + MAX_WORDS + " words without sentence punctuation split into "
                    + pieces + " units of at most " + MAX_WORDS + " words (at commas or conjunctions where there were any)");
        }
        return out;
    }

    /**
     * Whether a sentence span is a run to split: too long, and either not ended by a stop, or without any
     * punctuation inside, or too long for any spoken sentence.
     */
    static boolean run(String span) {
        int words = 0;
        Matcher m = WORD.matcher(span);
        while (m.find()) words++;
        if (words <= MAX_WORDS) return false;
        String trimmed = span.replaceAll("[\"'»”’)\\]]+$", "");
        boolean stopped = !trimmed.isEmpty() && ".!?…".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
        boolean inner = trimmed.length() > 1 && trimmed.substring(0, trimmed.length() - 1).matches("(?s).*[,;:.!?…].*");
        return !stopped || !inner || words > 2 * MAX_WORDS;
    }

    /** Where to cut the span [start, end) of {@code text}: offsets of the words that begin a new piece. */
    static List<Integer> cuts(String text, int start, int end) {
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text).region(start, end);
        while (m.find()) words.add(new int[]{m.start(), m.end()});
        List<Integer> cuts = new ArrayList<>();
        int n = words.size();
        int p = 0;
        while (n - p > MAX_WORDS) {
            int remaining = n - p;
            int pieces = (remaining + MAX_WORDS - 1) / MAX_WORDS;
            int target = (remaining + pieces - 1) / pieces;
            // the piece ends between target/2 and MAX_WORDS words on, leaving what can still make pieces of the limit
            int lo = Math.max(p + Math.max(1, target / 2), n - MAX_WORDS * (pieces - 1));
            int hi = Math.min(p + MAX_WORDS, n - Math.max(1, target / 2));
            int ideal = p + target;
            int best = Math.min(Math.max(ideal, lo), hi);
            int bestStrength = 0;
            for (int c = lo; c <= hi; c++) {
                int strength = strength(text, words.get(c - 1), words.get(c));
                if (strength > bestStrength || strength == bestStrength && strength > 0
                        && Math.abs(c - ideal) < Math.abs(best - ideal)) {
                    best = c;
                    bestStrength = strength;
                }
            }
            cuts.add(words.get(best)[0]);
            p = best;
        }
        return cuts;
    }

    /** How good a place to cut the space between two words is: 2 after a pause mark, 1 before a conjunction. */
    private static int strength(String text, int[] before, int[] after) {
        char last = text.charAt(before[1] - 1);
        if (",;:–—".indexOf(last) >= 0 || before[1] - before[0] == 1 && last == '-') return 2;
        String next = text.substring(after[0], after[1]).toLowerCase(Locale.ROOT);
        return CONJUNCTIONS.contains(next) ? 1 : 0;
    }
}
