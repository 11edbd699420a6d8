package org.samtal.eval;

import org.samtal.corpus.ManifestRow;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Scores a corpus against the truth of generated or joined speech ({@code truth.json} from {@code samtal synth}).
 * A segment is matched to the run of truth sentences its text is made of, nearest in time (generated recordings
 * repeat their text). It is <em>placed right</em> when its speech edges fall inside the clips of its sentences
 * (recorded clips joined into one recording: 100 ms tolerance), or, for generated speech, when it lies within
 * {@link #MATCH_WINDOW} of them; its speech start and end are compared with the first sentence's true start and the
 * last one's true end.
 */
public final class Evaluation {
    /** A segment further than this from the truth sentences of its text does not count as theirs. */
    private static final double MATCH_WINDOW = 2.0;
    /** How far a placement may reach out of its clip and still be right. */
    static final double CLIP_TOLERANCE = 0.1;
    /** Score thresholds of the sweep. */
    private static final double[] THRESHOLDS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /** Scores the rows as accepted (built with the filters the corpus was built with). */
    public EvalReport evaluate(TruthFile truth, List<ManifestRow> rows) {
        return evaluate(truth, rows, Double.NEGATIVE_INFINITY);
    }

    /**
     * @param minScore rows scoring below this count as not accepted (a corpus built with {@code --min-score 0}
     *                 evaluated at another threshold); the sweep shows every threshold
     */
    public EvalReport evaluate(TruthFile truth, List<ManifestRow> rows, double minScore) {
        List<TruthSentence> sentences = truth.sentences();
        List<Judged> judged = new ArrayList<>(rows.size());
        for (ManifestRow row : rows) judged.add(judge(row, sentences));
        List<Judged> accepted = judged.stream().filter(j -> j.row().score() >= minScore).toList();

        List<Double> errors = new ArrayList<>();
        boolean[] covered = new boolean[sentences.size()];
        int falseSegments = 0;
        int exact = 0;
        for (Judged j : accepted) {
            if (!j.right()) {
                falseSegments++;
                continue;
            }
            exact++;
            // a piece's edges inside its sentence have no truth; its sentence's outer edges have
            TruthSentence first = sentences.get(j.first());
            TruthSentence last = sentences.get(j.last());
            if (!j.isPiece() || norm(first.text()).startsWith(norm(j.row().text()))) {
                errors.add(Math.abs(j.row().speechStart() - first.start()));
            }
            if (!j.isPiece() || norm(last.text()).endsWith(norm(j.row().text()))) {
                errors.add(Math.abs(j.row().speechEnd() - last.end()));
            }
            for (int i = j.first(); i <= j.last(); i++) covered[i] = true;
        }
        Collections.sort(errors);
        int n = errors.size();
        int coveredCount = 0;
        for (boolean c : covered) if (c) coveredCount++;
        List<EvalReport.Threshold> sweep = new ArrayList<>();
        for (double t : THRESHOLDS) sweep.add(atThreshold(judged, sentences.size(), t));
        EvalReport.Threshold at = atThreshold(judged, sentences.size(), minScore);
        return new EvalReport(sentences.size(), accepted.size(), n, quantile(errors, 0.5), quantile(errors, 0.9),
                share(errors, 0.05), share(errors, 0.1), share(errors, 0.25),
                sentences.isEmpty() ? 0 : (double) coveredCount / sentences.size(), falseSegments,
                accepted.isEmpty() ? 0 : (double) exact / accepted.size(), at.placedRight(), at.precision(),
                auc(judged), sweep);
    }

    /**
     * A row judged: the truth run it was matched to ({@code first} = -1 when its text matches none) and whether it
     * is placed right.
     */
    private record Judged(ManifestRow row, int first, int last, boolean right, double piece) {
        /** How many truth sentences the row stands for: a piece of a long sentence, the share of its text. */
        double sentences() {
            if (first < 0) return Math.max(1, row.text().split("(?<=[.!?])\\s+").length);
            return piece > 0 ? piece : last - first + 1;
        }

        boolean isPiece() {
            return piece > 0;
        }
    }

    private static Judged judge(ManifestRow row, List<TruthSentence> sentences) {
        boolean clips = !sentences.isEmpty() && sentences.get(0).clipStart() != null;
        int[] run = match(row, sentences, clips ? Double.POSITIVE_INFINITY : MATCH_WINDOW);
        double piece = 0;
        if (run == null) {
            // a piece of one long sentence, cut at a pause: judged against that sentence
            int i = pieceOf(row, sentences, clips ? Double.POSITIVE_INFINITY : MATCH_WINDOW);
            if (i < 0) return new Judged(row, -1, -1, false, 0);
            run = new int[]{i, i};
            piece = (double) letters(row.text()) / Math.max(1, letters(sentences.get(i).text()));
        }
        TruthSentence first = sentences.get(run[0]);
        TruthSentence last = sentences.get(run[1]);
        boolean right = !clips || (row.speechStart() >= first.spanStart() - CLIP_TOLERANCE
                && row.speechEnd() <= last.spanEnd() + CLIP_TOLERANCE
                && row.speechStart() < first.spanEnd() && row.speechEnd() > last.spanStart());
        if (piece > 0 && !clips) {
            // generated speech: the piece lies inside its sentence's speech
            right = row.speechStart() >= first.start() - 0.25 && row.speechEnd() <= last.end() + 0.25;
        }
        return new Judged(row, run[0], run[1], right, piece);
    }

    /** The sentence whose text holds the row's as a part, nearest in time; or -1. */
    private static int pieceOf(ManifestRow row, List<TruthSentence> sentences, double window) {
        String text = norm(row.text());
        int best = -1;
        double bestDist = window;
        for (int i = 0; i < sentences.size(); i++) {
            TruthSentence t = sentences.get(i);
            if (!norm(t.text()).contains(text)) continue;
            double dist = Math.abs(t.start() - row.speechStart());
            if (row.speechStart() >= t.start() - window && (dist < bestDist || best < 0 && Double.isInfinite(window))) {
                bestDist = dist;
                best = i;
            }
        }
        return best;
    }

    /** Sentences accepted and placed right, and precision, when rows scoring below {@code t} are left out. */
    private static EvalReport.Threshold atThreshold(List<Judged> judged, int truthSentences, double t) {
        double right = 0;
        double accepted = 0;
        for (Judged j : judged) {
            if (j.row().score() < t) continue;
            accepted += j.sentences();
            if (j.right()) right += j.sentences();
        }
        return new EvalReport.Threshold(Double.isInfinite(t) ? 0 : t, truthSentences == 0 ? 0 : right / truthSentences,
                accepted == 0 ? 1 : right / accepted, (int) Math.round(accepted));
    }

    /**
     * Area under the ROC curve of the score as a test of "placed right": the chance that a right row outscores a
     * wrong one (0.5 says the score is no guide; NaN when there are not both kinds).
     */
    private static double auc(List<Judged> judged) {
        List<Double> right = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        for (Judged j : judged) (j.right() ? right : wrong).add(j.row().score());
        if (right.isEmpty() || wrong.isEmpty()) return Double.NaN;
        double wins = 0;
        for (double r : right) {
            for (double w : wrong) wins += r > w ? 1 : r == w ? 0.5 : 0;
        }
        return wins / ((double) right.size() * wrong.size());
    }

    /** The truth sentences {@code [first, last]} whose joined text is the row's, nearest in time; or null. */
    private static int[] match(ManifestRow row, List<TruthSentence> sentences, double window) {
        String text = norm(row.text());
        int[] best = null;
        double bestDist = window;
        // truth sentences are in time order: only those starting near the segment can be its first
        int from = Double.isInfinite(window) ? 0 : firstStartingAfter(sentences, row.speechStart() - window);
        for (int i = from; i < sentences.size() && sentences.get(i).start() <= row.speechStart() + window; i++) {
            if (!text.startsWith(norm(sentences.get(i).text()))) continue;
            StringBuilder joined = new StringBuilder(norm(sentences.get(i).text()));
            int j = i;
            while (joined.length() < text.length() && j + 1 < sentences.size()) {
                joined.append(' ').append(norm(sentences.get(++j).text()));
            }
            if (!joined.toString().equals(text)) continue;
            double dist = Math.abs(sentences.get(i).start() - row.speechStart());
            if (dist < bestDist || best == null && Double.isInfinite(window)) {
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

    private static int letters(String s) {
        return (int) s.codePoints().filter(Character::isLetterOrDigit).count();
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
