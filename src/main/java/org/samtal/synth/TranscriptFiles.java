package org.samtal.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transcripts a partner might deliver for a generated conversation: speaker turns, plain text, and SubRip
 * subtitles whose times are deliberately coarse (whole seconds, shifted at random by up to half a second), as
 * subtitle files made for viewers often are.
 */
public final class TranscriptFiles {
    private TranscriptFiles() {
    }

    /** {@code Speaker: text} lines, one per turn. */
    public static String turns(SyntheticConversation c) {
        StringBuilder sb = new StringBuilder();
        for (List<TruthSentence> turn : byTurn(c)) {
            sb.append(turn.get(0).speaker()).append(':');
            for (TruthSentence t : turn) sb.append(' ').append(t.text());
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One sentence a line, no speakers: how read-speech collections and Kaldi-style texts are delivered. */
    public static String lines(SyntheticConversation c) {
        StringBuilder sb = new StringBuilder();
        for (TruthSentence t : c.truth()) sb.append(t.text()).append('\n');
        return sb.toString();
    }

    /** Running text, a paragraph per turn, no speakers. */
    public static String plain(SyntheticConversation c) {
        StringBuilder sb = new StringBuilder();
        for (List<TruthSentence> turn : byTurn(c)) {
            sb.append(String.join(" ", turn.stream().map(TruthSentence::text).toList())).append("\n\n");
        }
        return sb.toString();
    }

    /** SubRip, a cue per turn, with coarse times. */
    public static String srt(SyntheticConversation c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (List<TruthSentence> turn : byTurn(c)) {
            double start = Math.max(0, Math.floor(turn.get(0).start()) + rnd.nextDouble() - 0.5);
            double end = Math.max(start + 1, Math.ceil(turn.get(turn.size() - 1).end()) + rnd.nextDouble() - 0.5);
            sb.append(n++).append('\n').append(time(start)).append(" --> ").append(time(end)).append('\n');
            sb.append(turn.get(0).speaker()).append(": ")
                    .append(String.join(" ", turn.stream().map(TruthSentence::text).toList())).append("\n\n");
        }
        return sb.toString();
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private static List<List<TruthSentence>> byTurn(SyntheticConversation c) {
        List<List<TruthSentence>> turns = new ArrayList<>();
        int current = -1;
        for (TruthSentence t : c.truth()) {
            if (t.turn() != current) {
                turns.add(new ArrayList<>());
                current = t.turn();
            }
            turns.get(turns.size() - 1).add(t);
        }
        return turns;
    }
}
