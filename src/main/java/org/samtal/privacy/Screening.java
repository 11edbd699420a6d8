package org.samtal.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.samtal.model.Segment;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The privacy stage's entry point: screens a recording's transcript for personal data before anything is written,
 * and applies the build's policy to the segments that hold some. Findings are reported by kind and position only.
 *
 * <ul>
 *   <li>{@code drop} (default): such segments are left out;</li>
 *   <li>{@code redact}: in every text the data is replaced by a tag ({@code <kennitala>}), and its audio is
 *       silenced where the engine timed its characters (Vosk); a segment whose audio cannot be silenced (no
 *       character times) is left out, since its clip would still say the data;</li>
 *   <li>{@code redact-text}: as {@code redact}, but a segment whose audio cannot be silenced is kept, flagged
 *       {@code personal_data_in_audio} in every format: only when the user asks for it;</li>
 *   <li>{@code flag}: segments are kept, flagged {@code personal_data} for review.</li>
 * </ul>
 * Probable findings (a date-shaped kennitala whose check digit fails) only flag, whatever the policy.
 */
public final class Screening {
    /** What to do with segments that hold personal data. */
    public enum Policy { DROP, REDACT, REDACT_TEXT, FLAG;

        /** The policy named on the command line ({@code redact-text}) or in settings ({@code redact_text}). */
        public static Policy parse(String s) {
            for (Policy p : values()) if (p.name().equalsIgnoreCase(s.replace('-', '_'))) return p;
            throw new IllegalArgumentException("--personal-data must be drop, redact, redact-text or flag, not '" + s + "'");
        }
    }

    /**
     * One finding, as the report shows it: never the value.
     *
     * @param kind      what was found
     * @param charStart where it starts in the delivered transcript
     * @param charEnd   where it ends
     * @param action    {@code dropped}, {@code flagged} or {@code outside segments}
     */
    public record Reported(String kind, @JsonProperty("char_start") int charStart, @JsonProperty("char_end") int charEnd,
                           String action) {
    }

    /**
     * @param segments segments after the policy
     * @param findings every finding in the transcript
     * @param dropped  segments left out
     * @param silences per segment id, the stretches of audio (seconds in the recording) to silence
     */
    public record Result(List<Segment> segments, List<Reported> findings, int dropped,
                         java.util.Map<String, List<double[]>> silences) {
    }

    /** Silence this much before and after the timed characters of a finding, seconds. */
    private static final double SILENCE_PAD = 0.1;

    private final Policy policy;
    private final java.util.function.UnaryOperator<String> trainingText;
    private final PersonalDataScanner scanner = new PersonalDataScanner();

    /**
     * @param trainingText makes training text from delivered text (used to redact: the data is replaced before)
     */
    public Screening(Policy policy, java.util.function.UnaryOperator<String> trainingText) {
        this.policy = policy;
        this.trainingText = trainingText;
    }

    /** Placeholder the tag stands in for while the training text is made: letters only, so no policy touches it. */
    private static String placeholder(String kind) {
        return "samtalredacted" + kind.replaceAll("[^a-z]", "");
    }

    public Result apply(Transcript transcript, List<Segment> segments) {
        return apply(transcript, segments, List.of(), java.util.Map.of());
    }

    /**
     * @param units     the transcript's units (for the character times)
     * @param charTimes per unit index, its characters' times from the engine, if it timed them
     */
    public Result apply(Transcript transcript, List<Segment> segments, List<org.samtal.model.TextUnit> units,
                        java.util.Map<Integer, float[]> charTimes) {
        java.util.Map<String, List<double[]>> silences = new java.util.HashMap<>();
        List<Finding> found = new ArrayList<>();
        for (Turn t : transcript.turns()) {
            for (Finding f : scanner.scan(t.text())) {
                found.add(new Finding(f.kind(), t.offset() + f.start(), t.offset() + f.end()));
            }
        }
        String[] action = new String[found.size()];
        java.util.Arrays.fill(action, "outside segments");
        List<Segment> out = new ArrayList<>();
        int dropped = 0;
        for (Segment s : segments) {
            boolean certain = false;
            boolean probable = false;
            List<Integer> hits = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                Finding f = found.get(i);
                if (f.start() < s.charEnd() && s.charStart() < f.end()) {
                    hits.add(i);
                    if (f.kind().endsWith("_probable")) probable = true;
                    else certain = true;
                }
            }
            if (certain && policy == Policy.DROP) {
                dropped++;
                for (int i : hits) action[i] = "dropped";
                continue;
            }
            if (certain && (policy == Policy.REDACT || policy == Policy.REDACT_TEXT)) {
                String text = s.text();
                List<String> kinds = new ArrayList<>();
                StringBuilder sb = new StringBuilder();
                StringBuilder delivered = new StringBuilder();
                int last = 0;
                for (Finding f : scanner.scan(text)) {
                    if (f.kind().endsWith("_probable")) continue;
                    sb.append(text, last, f.start()).append(' ').append(placeholder(f.kind())).append(' ');
                    delivered.append(text, last, f.start()).append('<').append(f.kind()).append('>');
                    last = f.end();
                    kinds.add(f.kind());
                }
                sb.append(text.substring(last));
                delivered.append(text.substring(last));
                String normalized = trainingText.apply(sb.toString());
                for (String k : kinds) normalized = normalized.replaceAll("(?i)" + placeholder(k), "<" + k + ">");
                normalized = normalized.replaceAll("\\s+", " ").strip();
                List<String> flags = new ArrayList<>(s.flags());
                boolean allSilenced = true;
                for (int i : hits) {
                    Finding f = found.get(i);
                    if (f.kind().endsWith("_probable")) continue;
                    double[] span = timesOf(f, transcript, units, charTimes);
                    if (span == null) {
                        allSilenced = false;
                        action[i] = "redacted in text; audio not silenced (no character times)";
                    } else {
                        silences.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(new double[]{
                                Math.max(s.start(), span[0] - SILENCE_PAD), Math.min(s.end(), span[1] + SILENCE_PAD)});
                        action[i] = "redacted in text and audio";
                    }
                }
                if (!allSilenced && policy == Policy.REDACT) {
                    // its clip would still say what the text hides: not published unless asked (redact-text)
                    dropped++;
                    silences.remove(s.id());
                    for (int i : hits) {
                        if (!found.get(i).kind().endsWith("_probable")) action[i] = "dropped (audio could not be silenced: no character times)";
                    }
                    continue;
                }
                flags.add(allSilenced ? "personal_data_redacted" : "personal_data_in_audio");
                out.add(s.redacted(delivered.toString(), normalized, flags));
                continue;
            }
            if (certain || probable) {
                List<String> flags = new ArrayList<>(s.flags());
                flags.add(certain ? "personal_data" : "personal_data_probable");
                for (int i : hits) action[i] = "flagged";
                out.add(s.withText(s.textNormalized(), s.events(), flags, s.langDetected()));
            } else {
                out.add(s);
            }
        }
        List<Reported> reported = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Finding f = found.get(i);
            reported.add(new Reported(f.kind(), f.start(), f.end(), action[i]));
        }
        return new Result(out, reported, dropped, silences);
    }

    /**
     * When the engine heard a finding's characters: the earliest start and latest end of its letters and digits,
     * or {@code null} when fewer than half of them were timed (then its audio cannot be found).
     */
    static double[] timesOf(Finding f, Transcript transcript, List<org.samtal.model.TextUnit> units,
                            java.util.Map<Integer, float[]> charTimes) {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        int letters = 0;
        int timed = 0;
        for (org.samtal.model.TextUnit u : units) {
            if (u.charEnd() <= f.start() || f.end() <= u.charStart()) continue;
            float[] times = charTimes.get(u.index());
            Turn turn = transcript.turns().get(u.turn());
            String text = turn.text();
            // the k-th letter or digit of the unit in the delivered text is the k-th character the engine timed
            int k = 0;
            for (int p = u.charStart(); p < u.charEnd(); p++) {
                int at = p - turn.offset();
                if (at < 0 || at >= text.length() || !Character.isLetterOrDigit(text.charAt(at))) continue;
                if (p >= f.start() && p < f.end()) {
                    letters++;
                    if (times != null && 2 * k + 1 < times.length && !Float.isNaN(times[2 * k])) {
                        timed++;
                        first = Math.min(first, times[2 * k]);
                        last = Math.max(last, times[2 * k + 1]);
                    }
                }
                k++;
            }
        }
        return letters > 0 && timed * 2 >= letters ? new double[]{first, last} : null;
    }
}
