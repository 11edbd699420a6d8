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
 *   <li>{@code redact}: the data would be replaced by a tag and its audio silenced, which needs word timings;
 *       without them the segment is left out, since text without audio redaction would leave the data audible;</li>
 *   <li>{@code flag}: segments are kept, flagged {@code personal_data} for review.</li>
 * </ul>
 * Probable findings (a date-shaped kennitala whose check digit fails) only flag, whatever the policy.
 */
public final class Screening {
    /** What to do with segments that hold personal data. */
    public enum Policy { DROP, REDACT, FLAG;

        public static Policy parse(String s) {
            for (Policy p : values()) if (p.name().equalsIgnoreCase(s)) return p;
            throw new IllegalArgumentException("--personal-data must be drop, redact or flag, not '" + s + "'");
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
     */
    public record Result(List<Segment> segments, List<Reported> findings, int dropped) {
    }

    private final Policy policy;
    private final PersonalDataScanner scanner = new PersonalDataScanner();

    public Screening(Policy policy) {
        this.policy = policy;
    }

    public Result apply(Transcript transcript, List<Segment> segments) {
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
            if (certain && policy != Policy.FLAG) {
                dropped++;
                for (int i : hits) action[i] = "dropped";
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
        return new Result(out, reported, dropped);
    }
}
