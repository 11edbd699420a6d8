package org.samtal.eval;

import org.samtal.corpus.ManifestRow;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Scores a corpus against the truth of generated speech ({@code truth.json} from {@code samtal synth}). A segment
 * is matched to the run of truth sentences its text is made of, nearest in time (generated recordings repeat
 * their text); its speech start and end are compared with the first sentence's true start and the last one's
 * true end.
 */
public final class Evaluation {
    /** A segment further than this from the truth sentences of its text does not count as theirs. */
    private static final double MATCH_WINDOW = 2.0;

    public EvalReport evaluate(TruthFile truth, List<ManifestRow> rows) {
        List<TruthSentence> sentences = truth.sentences();
        List<Double> errors = new ArrayList<>();
        boolean[] covered = new boolean[sentences.size()];
        int falseSegments = 0;
        int exact = 0;
        for (ManifestRow row : rows) {
            int[] run = match(row, sentences);
            if (run == null) {
                falseSegments++;
                continue;
            }
            exact++;
            TruthSentence first = sentences.get(run[0]);
            TruthSentence last = sentences.get(run[1]);
            errors.add(Math.abs(row.speechStart() - first.start()));
            errors.add(Math.abs(row.speechEnd() - last.end()));
            for (int i = run[0]; i <= run[1]; i++) covered[i] = true;
        }
        Collections.sort(errors);
        int n = errors.size();
        int coveredCount = 0;
        for (boolean c : covered) if (c) coveredCount++;
        return new EvalReport(sentences.size(), rows.size(), n, quantile(errors, 0.5), quantile(errors, 0.9),
                share(errors, 0.05), share(errors, 0.1), share(errors, 0.25),
                sentences.isEmpty() ? 0 : (double) coveredCount / sentences.size(), falseSegments,
                rows.isEmpty() ? 0 : (double) exact / rows.size());
    }

    /** The truth sentences {@code [first, last]} whose joined text is the row's, nearest in time; or null. */
    private static int[] match(ManifestRow row, List<TruthSentence> sentences) {
        String text = norm(row.text());
        int[] best = null;
        double bestDist = MATCH_WINDOW;
        // truth sentences are in time order: only those starting near the segment can be its first
        int from = firstStartingAfter(sentences, row.speechStart() - MATCH_WINDOW);
        for (int i = from; i < sentences.size() && sentences.get(i).start() <= row.speechStart() + MATCH_WINDOW; i++) {
            if (!text.startsWith(norm(sentences.get(i).text()))) continue;
            StringBuilder joined = new StringBuilder(norm(sentences.get(i).text()));
            int j = i;
            while (joined.length() < text.length() && j + 1 < sentences.size()) {
                joined.append(' ').append(norm(sentences.get(++j).text()));
            }
            if (!joined.toString().equals(text)) continue;
            double dist = Math.abs(sentences.get(i).start() - row.speechStart());
            if (dist < bestDist) {
                bestDist = dist;
                best = new int[]{i, j};
            }
        }
        return best;
    }

    private static int firstStartingAfter(List<TruthSentence> sentences, double t) {
        int a = 0;
        int b = sentences.size();
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (sentences.get(mid).start() < t) a = mid + 1;
            else b = mid;
        }
        return a;
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.floor(q * (sorted.size() - 1)));
    }

    private static double share(List<Double> sorted, double within) {
        return sorted.isEmpty() ? 0 : sorted.stream().filter(e -> e <= within).count() / (double) sorted.size();
    }
}
