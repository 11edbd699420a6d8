package org.samtal.text;

import java.util.List;

/** Levenshtein distances for error rates: characters for CER, words for WER. */
public final class EditDistance {
    private EditDistance() {
    }

    public static int chars(String a, String b) {
        return distance(a.codePoints().boxed().toList(), b.codePoints().boxed().toList());
    }

    public static <T> int distance(List<T> a, List<T> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** Character error rate of {@code hypothesis} against {@code reference} (1 when the reference is empty). */
    public static double cer(String reference, String hypothesis) {
        return reference.isEmpty() ? (hypothesis.isEmpty() ? 0 : 1) : (double) chars(reference, hypothesis) / reference.length();
    }

    /** Word error rate over whitespace-separated words. */
    public static double wer(String reference, String hypothesis) {
        List<String> r = words(reference);
        List<String> h = words(hypothesis);
        return r.isEmpty() ? (h.isEmpty() ? 0 : 1) : (double) distance(r, h) / r.size();
    }

    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }
}
