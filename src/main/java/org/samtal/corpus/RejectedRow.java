package org.samtal.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.samtal.align.SegmentFilter;
import org.samtal.model.Segment;

import java.util.Map;

/**
 * One line of {@code rejected.jsonl}: a segment a filter left out of the corpus, with the evidence and the rule, so
 * a user can see what was lost and choose the limits. A segment left out for personal data carries no text, only
 * the kind of data.
 *
 * @param id          the segment's id (as it would have had in the manifest)
 * @param recordingId the recording it was cut from
 * @param channel     the channel of the decoded audio it lies on (0: the mono mix; a speaker's own channel when
 *                    split one speaker per channel), as in the manifest
 * @param start       segment start in the source recording, seconds
 * @param end         segment end, seconds
 * @param speechStart where the aligner put the speech start, seconds
 * @param speechEnd   where the aligner put the speech end, seconds
 * @param text        the delivered text, or {@code null} for personal data
 * @param score       alignment confidence in [0, 1]
 * @param metrics     engine evidence
 * @param aligner     engine that placed it
 * @param reason      the filter's rule and the segment's value against the limit
 */
@JsonPropertyOrder({"id", "recording_id", "channel", "start", "end", "speech_start", "speech_end", "text", "score", "metrics",
        "aligner", "reason"})
public record RejectedRow(String id, @JsonProperty("recording_id") String recordingId, int channel, double start, double end,
                          @JsonProperty("speech_start") double speechStart, @JsonProperty("speech_end") double speechEnd,
                          String text, double score, Map<String, Double> metrics, String aligner,
                          SegmentFilter.Reason reason) {

    /** The row of a segment a filter removed; its text is left out when the reason is personal data. */
    public static RejectedRow of(Segment s, SegmentFilter.Reason reason) {
        Map<String, Double> metrics = ClipEntry.roundAll(s.metrics());
        boolean personal = reason.rule().equals("personal_data");
        return new RejectedRow(s.id(), s.recordingId(), s.channel(), ms(s.start()), ms(s.end()), ms(s.speechStart()), ms(s.speechEnd()),
                personal ? null : s.text(), Math.round(s.score() * 10000) / 10000.0, metrics, s.aligner(), reason);
    }

    private static double ms(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
