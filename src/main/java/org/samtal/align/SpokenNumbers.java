package org.samtal.align;

import org.samtal.model.TextUnit;
import org.samtal.text.NumberWords;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transcript as a recogniser hears it. A recogniser writes what it hears in words ("five five five", "오 백 오 십
 * 오"), never "555", so the transcript's runs of digits are said in words before its characters are aligned with the
 * recognised ones; afterwards each run takes the time of the words said for it, and its digits carry that time, so
 * personal data written in digits can be silenced. A number may be said in several ways (as one number, digit by
 * digit, in pairs, or as written, for recognisers that write digits): the alignment is made with the first, then
 * each group of runs (digits separated only by spaces or dashes, as in "555 1234" or "120381-4359") chooses the way
 * that matches what was recognised between its neighbours best, the same way for all its runs. Languages without number words ({@link NumberWords#readings}) keep their digits as written.
 */
final class SpokenNumbers {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** Characters looked at, either side of a group, for the nearest character matched to the recognition. */
    private static final int NEIGHBOUR_REACH = 200;
    /** Fewer matched characters than this, or a smaller share of the reading, and a group is not timed by them. */
    private static final int MIN_MATCHED = 2;
    private static final double MIN_MATCHED_SHARE = 0.25;

    /**
     * One run of digits.
     *
     * @param unit        index of its unit in the list aligned
     * @param textFrom    where its digits start in the unit's text (NFC)
     * @param textTo      where they end
     * @param writtenFrom index of its first digit among the unit's letters and digits
     * @param spokenFrom  where its first reading starts among the spoken characters
     * @param spokenTo    where it ends
     * @param readings    its readings, letters only, lower case: as a number, digit by digit, in pairs, as written
     * @param words       the same as words
     */
    record Run(int unit, int textFrom, int textTo, int writtenFrom, int spokenFrom, int spokenTo, List<int[]> readings,
               List<String> words) {
        int digits() {
            return textTo - textFrom;
        }
    }

    /**
     * The spoken characters of units.
     *
     * @param chars     the spoken characters, in order
     * @param unitFirst per unit, its first spoken character
     * @param unitEnd   per unit, one past its last
     * @param written   per spoken character, its index among its unit's written letters and digits; -1 for a
     *                  character of a reading of digits
     * @param texts     per unit, its text (NFC)
     * @param writtenLength per unit, how many letters and digits it has as written
     * @param groups    the runs of digits, grouped where only spaces or punctuation stand between them
     */
    record Text(int[] chars, int[] unitFirst, int[] unitEnd, int[] written, List<String> texts, int[] writtenLength,
                List<List<Run>> groups) {
    }

    /**
     * A group's time and the reading it was said in.
     *
     * @param start   seconds
     * @param end     seconds
     * @param reading index of the reading chosen for its runs
     * @param cuts    where each run but the last ends and the next begins, seconds (where the recognition does not
     *                tell, in proportion to the readings' lengths)
     */
    record Timed(double start, double end, int reading, double[] cuts) {
    }

    private SpokenNumbers() {
    }

    /** The units' letters and digits as the recogniser should hear them in {@code language}. */
    static Text of(List<TextUnit> units, String language) {
        List<Integer> chars = new ArrayList<>();
        List<Integer> written = new ArrayList<>();
        int[] first = new int[units.size()];
        int[] end = new int[units.size()];
        int[] writtenLength = new int[units.size()];
        List<String> texts = new ArrayList<>();
        List<List<Run>> groups = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) {
            String text = java.text.Normalizer.normalize(units.get(k).text(), java.text.Normalizer.Form.NFC);
            texts.add(text);
            first[k] = chars.size();
            int w = 0;
            int last = 0;
            List<Run> group = null;
            for (Matcher m = DIGITS.matcher(text); m.find(); ) {
                int[] between = VoskAligner.norm(text.substring(last, m.start())).codePoints().toArray();
                for (int cp : between) {
                    chars.add(cp);
                    written.add(w++);
                }
                last = m.end();
                List<String> readings = NumberWords.readings(language, m.group());
                if (readings.isEmpty()) {
                    for (int i = 0; i < m.group().length(); i++) {
                        chars.add((int) m.group().charAt(i));
                        written.add(w++);
                    }
                    group = null;
                    continue;
                }
                List<int[]> spelled = new ArrayList<>();
                for (String r : readings) spelled.add(VoskAligner.norm(r).codePoints().toArray());
                // the digits themselves too: some recognisers write numbers in digits
                spelled.add(m.group().codePoints().toArray());
                List<String> words = new ArrayList<>(readings);
                words.add(m.group());
                Run run = new Run(k, m.start(), m.end(), w, chars.size(), chars.size() + spelled.get(0).length,
                        spelled, words);
                for (int cp : spelled.get(0)) {
                    chars.add(cp);
                    written.add(-1);
                }
                w += m.group().length();
                if (group == null || between.length > 0) {
                    group = new ArrayList<>();
                    groups.add(group);
                }
                group.add(run);
            }
            for (int cp : VoskAligner.norm(text.substring(last)).codePoints().toArray()) {
                chars.add(cp);
                written.add(w++);
            }
            end[k] = chars.size();
            writtenLength[k] = w;
        }
        return new Text(chars.stream().mapToInt(Integer::intValue).toArray(), first, end,
                written.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(texts), writtenLength,
                groups.stream().map(List::copyOf).toList());
    }

    /**
     * When each group of runs was said. The group lies between its nearest characters matched to the recognition (its
     * neighbours); the reading that matches what was recognised there best is the one said. When the stretch between
     * the neighbours is short enough to hold only the number, the group takes all of it; else the chosen reading's
     * matched characters give the time, widened by the typical character length for those not heard. Where neither
     * holds, the group has no time ({@code null}).
     *
     * @param map         per spoken character, the recognised character it is aligned with, or -1
     * @param hyp         the recognised characters
     * @param times       per recognised character, its start and end (seconds)
     * @param charSeconds the typical length of a recognised character
     */
    static List<Timed> time(Text text, int[] map, int[] hyp, List<double[]> times, double charSeconds) {
        List<Timed> out = new ArrayList<>();
        for (List<Run> group : text.groups()) out.add(timeGroup(group, map, hyp, times, charSeconds));
        return out;
    }

    private static Timed timeGroup(List<Run> group, int[] map, int[] hyp, List<double[]> times, double charSeconds) {
        int a = group.get(0).spokenFrom();
        int b = group.get(group.size() - 1).spokenTo();
        int prev = -1;
        for (int c = a - 1; c >= Math.max(0, a - NEIGHBOUR_REACH); c--) {
            if (map[c] >= 0) {
                prev = map[c];
                break;
            }
        }
        int next = -1;
        for (int c = b; c < Math.min(map.length, b + NEIGHBOUR_REACH); c++) {
            if (map[c] >= 0) {
                next = map[c];
                break;
            }
        }
        int styles = group.stream().mapToInt(r -> r.readings().size()).max().orElse(0);
        List<int[]> said = new ArrayList<>();
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        for (int s = 0; s < styles; s++) {
            List<Integer> cps = new ArrayList<>();
            for (Run r : group) for (int cp : r.readings().get(s)) cps.add(cp);
            said.add(cps.stream().mapToInt(Integer::intValue).toArray());
            longest = Math.max(longest, cps.size());
            if (s < styles - 1) shortest = Math.min(shortest, cps.size()); // of the readings in words
        }
        // where in the recognition to look: between the neighbours, or near the group's own matches
        int lo = prev >= 0 ? prev + 1 : -1;
        int hi = next >= 0 ? next : -1;
        int firstOwn = -1;
        int lastOwn = -1;
        for (int c = a; c < b; c++) {
            if (map[c] < 0) continue;
            if (firstOwn < 0) firstOwn = map[c];
            lastOwn = map[c];
        }
        if (lo < 0 && hi < 0 && firstOwn < 0) return null;
        if (lo < 0) lo = Math.max(0, (firstOwn >= 0 ? firstOwn : hi) - 2 * longest);
        if (hi < 0) hi = Math.min(hyp.length, (lastOwn >= 0 ? lastOwn + 1 : lo) + 2 * longest);
        if (hi - lo > 4 * longest + 20) {
            if (firstOwn < 0) return null; // neighbours far apart and nothing of the group heard: no evidence
            lo = Math.max(lo, firstOwn - 2 * longest);
            hi = Math.min(hi, lastOwn + 1 + 2 * longest);
        }
        int best = 0;
        int bestMatched = -1;
        int[] bestMap = new int[0];
        if (hi > lo) {
            int[] window = java.util.Arrays.copyOfRange(hyp, lo, hi);
            for (int s = 0; s < said.size(); s++) {
                int[] local = CharAlignment.align(said.get(s), window);
                int matched = 0;
                for (int x : local) if (x >= 0) matched++;
                // more matched, or as many in fewer characters (a reading that explains the same with less)
                if (matched > bestMatched || matched == bestMatched && said.get(s).length < said.get(best).length) {
                    best = s;
                    bestMatched = matched;
                    bestMap = local;
                }
            }
        }
        double floor = prev >= 0 ? times.get(prev)[1] : 0;
        double ceiling = next >= 0 ? times.get(next)[0] : Double.POSITIVE_INFINITY;
        boolean heard = bestMatched >= MIN_MATCHED && bestMatched >= MIN_MATCHED_SHARE * said.get(best).length;
        // between two heard neighbours with room for the number and little more, the whole stretch is taken: the
        // recogniser may have written part of the number as other words, which its matched characters would miss.
        // With nothing of it heard, the stretch must fit its shortest reading closely.
        double gap = ceiling - floor;
        boolean fits = heard ? gap <= 3 * said.get(best).length * charSeconds + 1.0
                : gap <= 1.5 * shortest * charSeconds + 0.5 && gap >= 0.5 * shortest * charSeconds;
        if (prev >= 0 && next >= 0 && gap > 0 && fits) {
            return new Timed(floor, ceiling, best, cuts(group, best, bestMap, lo, times, floor, ceiling));
        }
        if (!heard) return null;
        int f = -1;
        int l = -1;
        for (int i = 0; i < bestMap.length; i++) {
            if (bestMap[i] < 0) continue;
            if (f < 0) f = i;
            l = i;
        }
        // the characters not heard at either end were said too: allow time for them, up to the neighbours
        double start = Math.max(times.get(lo + bestMap[f])[0] - f * charSeconds, Math.min(floor, times.get(lo + bestMap[f])[0]));
        double end = Math.min(times.get(lo + bestMap[l])[1] + (bestMap.length - 1 - l) * charSeconds,
                Math.max(ceiling, times.get(lo + bestMap[l])[1]));
        return new Timed(Math.max(0, start), end, best, cuts(group, best, bestMap, lo, times, Math.max(0, start), end));
    }

    /**
     * Between each two runs of a group: midway from the last recognised character of the one to the first of the
     * next, where both have one; else in proportion to the readings' lengths.
     *
     * @param local per character of the chosen reading, the index in the window (from {@code lo}) it matched, or -1
     */
    private static double[] cuts(List<Run> group, int reading, int[] local, int lo, List<double[]> times,
                                 double start, double end) {
        double[] cuts = new double[group.size() - 1];
        int total = 0;
        for (Run r : group) total += r.readings().get(reading).length;
        int offset = 0;
        for (int i = 0; i + 1 < group.size(); i++) {
            offset += group.get(i).readings().get(reading).length;
            double cut = start + (end - start) * offset / Math.max(1, total);
            int before = -1;
            for (int c = Math.min(offset, local.length) - 1; c >= 0 && before < 0; c--) if (local[c] >= 0) before = local[c];
            int after = -1;
            for (int c = offset; c < local.length && after < 0; c++) if (local[c] >= 0) after = local[c];
            if (before >= 0 && after >= 0) cut = (times.get(lo + before)[1] + times.get(lo + after)[0]) / 2;
            cuts[i] = Math.max(i > 0 ? cuts[i - 1] : start, Math.min(end, cut));
        }
        return cuts;
    }

    /** A unit's text with each group's runs in the words chosen for them (the first reading where untimed). */
    static String said(Text text, int unit, List<Timed> timed) {
        String t = text.texts().get(unit);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (int g = 0; g < text.groups().size(); g++) {
            List<Run> group = text.groups().get(g);
            if (group.get(0).unit() != unit) continue;
            int style = timed.get(g) == null ? 0 : timed.get(g).reading();
            for (Run r : group) {
                sb.append(t, last, r.textFrom()).append(' ')
                        .append(r.words().get(style)).append(' ');
                last = r.textTo();
            }
        }
        return sb.append(t.substring(last)).toString();
    }

    /**
     * Per unit, the times of its written letters and digits ({start, end} each in turn, NaN where unheard): letters
     * from the characters they are aligned with, each run's digits its part of its group's time.
     */
    static java.util.Map<Integer, float[]> writtenTimes(Text text, List<TextUnit> units, int[] map,
                                                        List<double[]> times, List<Timed> timed) {
        java.util.Map<Integer, float[]> out = new java.util.HashMap<>();
        float[][] per = new float[units.size()][];
        for (int k = 0; k < units.size(); k++) {
            if (text.writtenLength()[k] == 0) continue;
            per[k] = new float[2 * text.writtenLength()[k]];
            java.util.Arrays.fill(per[k], Float.NaN);
            for (int c = text.unitFirst()[k]; c < text.unitEnd()[k]; c++) {
                int w = text.written()[c];
                if (w < 0 || map[c] < 0) continue;
                per[k][2 * w] = (float) times.get(map[c])[0];
                per[k][2 * w + 1] = (float) times.get(map[c])[1];
            }
            out.put(units.get(k).index(), per[k]);
        }
        for (int g = 0; g < text.groups().size(); g++) {
            Timed t = timed.get(g);
            if (t == null) continue;
            List<Run> group = text.groups().get(g);
            for (int i = 0; i < group.size(); i++) {
                Run r = group.get(i);
                double from = i == 0 ? t.start() : t.cuts()[i - 1];
                double to = i + 1 == group.size() ? t.end() : t.cuts()[i];
                float[] p = per[r.unit()];
                for (int d = 0; d < r.digits(); d++) {
                    p[2 * (r.writtenFrom() + d)] = (float) from;
                    p[2 * (r.writtenFrom() + d) + 1] = (float) to;
                }
            }
        }
        return out;
    }
}
