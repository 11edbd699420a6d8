package org.samtal.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.samtal.intake.Submission;
import org.samtal.model.Segment;
import org.samtal.model.WordTime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One clip of a recording as the corpus store keeps it (Lhotse's supervision): what was said, where, by whom and how
 * well it was placed, pointing to its recording by {@code recording_id}. The recording's provenance (source file,
 * checksums, partner, track, settings) is not repeated here: it is written once, in the recording's
 * done marker, and joined to the clip when the manifest or a format is written. The fields mean what they mean in
 * a manifest row; the JSON names are the same.
 */
@JsonPropertyOrder({"id", "audio_filepath", "duration", "text", "text_normalized", "lang", "speaker", "recording_id", "start", "end",
        "channel", "aligner", "score"})
public record ClipEntry(
        String id,
        @JsonProperty("audio_filepath") String audioFilepath,
        double duration,
        String text,
        @JsonProperty("text_normalized") String textNormalized,
        String lang,
        String speaker,
        @JsonProperty("recording_id") String recordingId,
        double start,
        double end,
        @JsonProperty("speech_start") double speechStart,
        @JsonProperty("speech_end") double speechEnd,
        int channel,
        String aligner,
        double score,
        @JsonProperty("char_start") int charStart,
        @JsonProperty("char_end") int charEnd,
        Map<String, Double> metrics,
        @JsonProperty("asr_text") String asrText,
        List<String> events,
        List<String> flags,
        @JsonProperty("lang_detected") String langDetected,
        String gender,
        @JsonProperty("age_range") String ageRange,
        String dialect,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WordTime> words) {

    /**
     * The clip cut for a segment: times are those of the samples cut (rounded to the millisecond), metrics to four
     * decimals.
     *
     * @param recordingId   the recording it was cut from
     * @param audioFilepath the clip's path relative to the corpus root
     * @param from          first sample cut
     * @param to            sample just past the cut
     * @param sampleRate    the decoded audio's rate
     * @param speakerId     the speaker's id, scoped to the recording or delivery
     * @param speaker       what the submission says of the speaker, or {@code null}
     */
    static ClipEntry cut(Segment s, String recordingId, String audioFilepath, long from, long to, int sampleRate, String speakerId,
                         Submission.Speaker speaker) {
        return new ClipEntry(s.id(), audioFilepath, round((double) (to - from) / sampleRate), s.text(),
                s.textNormalized() == null ? s.text() : s.textNormalized(), s.language(), speakerId, recordingId,
                round((double) from / sampleRate), round((double) to / sampleRate), round(s.speechStart()),
                round(s.speechEnd()), s.channel(), s.aligner(), round(s.score()), s.charStart(), s.charEnd(),
                roundAll(s.metrics()), s.asrText(), s.events().isEmpty() ? null : s.events(),
                s.flags().isEmpty() ? null : s.flags(), s.langDetected(), speaker == null ? null : speaker.gender(),
                speaker == null ? null : speaker.ageRange(), speaker == null ? null : speaker.dialect(), s.words());
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** Metrics as written: 4 decimals, and none that JSON cannot hold. */
    static Map<String, Double> roundAll(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        // JSON has no NaN: a metric an engine could not compute is left out
        new java.util.TreeMap<>(m).forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) out.put(k, Math.round(v * 10000) / 10000.0);
        });
        return out;
    }
}
