package org.samtal.corpus;

import org.samtal.model.WordTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One line of {@code manifest.jsonl}: a clip and everything known about it. It is a superset of a NeMo manifest
 * line ({@code audio_filepath}, {@code duration}, {@code text}, {@code lang}, {@code speaker}). The corpus store
 * keeps a clip ({@link ClipEntry}) and its recording's provenance apart; a row joins them for the manifest and the
 * formats.
 *
 * @param id            segment id, unique in the corpus and stable across rebuilds
 * @param audioFilepath clip path relative to the manifest's folder
 * @param duration      clip duration in seconds, from its sample count
 * @param text          the transcript text of the clip as delivered
 * @param textNormalized the training text made from it (NFC, annotations out, numbers in words, policies)
 * @param lang          BCP 47 language tag
 * @param speaker       speaker id
 * @param recordingId   id of the source recording
 * @param start         clip start in the source recording, seconds
 * @param end           clip end in the source recording, seconds
 * @param speechStart   where the aligner put the speech start, seconds in the source (the clip starts a little earlier)
 * @param speechEnd     where the aligner put the speech end, seconds in the source
 * @param channel       channel of the decoded source (0 for the mono mix)
 * @param aligner       engine that aligned it
 * @param score         alignment confidence in [0, 1]
 * @param source        the delivered media file's name
 * @param sourceSha256  SHA-256 of the delivered media file
 * @param transcript    the delivered transcript file's name
 * @param charStart     offset of the text in the delivered transcript
 * @param charEnd       end offset of the text in the delivered transcript
 * @param metrics       engine metrics
 * @param asrText       what the recogniser heard, for ASR-based engines
 * @param events        non-speech annotations taken out of the text
 * @param flags         what a reviewer should know (digits, numbers_inflected, lang_mismatch)
 * @param langDetected  the language detected in the clip's turn, when checked
 * @param gender        the speaker's gender as the submission gives it (f, m, other)
 * @param ageRange      the speaker's age range as the submission gives it
 * @param dialect       the speaker's dialect as the submission gives it
 * @param track         open or private (from the submission), or {@code null} when undeclared
 * @param partner       partner id (from the submission)
 * @param submission    delivery id (from the submission)
 * @param samtalVersion the samtal version that made the clip (provenance)
 * @param configHash    the hash of the build settings that made it (provenance; the settings are in the report)
 * @param words         each word's start and end in the source recording, seconds, from the engine that placed
 *                      the segment (left out when it gave none)
 * @param review        what validators decided: {@code accepted}, {@code corrected} (text or boundaries), or
 *                      {@code null} when no validator judged it
 */
@JsonPropertyOrder({"id", "audio_filepath", "duration", "text", "text_normalized", "lang", "speaker", "recording_id", "start", "end",
        "channel", "aligner", "score"})
public record ManifestRow(
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
        String source,
        @JsonProperty("source_sha256") String sourceSha256,
        String transcript,
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
        String track,
        String partner,
        String submission,
        @JsonProperty("samtal_version") String samtalVersion,
        @JsonProperty("config_hash") String configHash,
        String review,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WordTime> words) {

    /** The same clip with other text (a validator's correction). */
    public ManifestRow withText(String text, String textNormalized, List<String> events, List<String> flags) {
        return new ManifestRow(id, audioFilepath, duration, text, textNormalized, lang, speaker, recordingId, start, end,
                speechStart, speechEnd, channel, aligner, score, source, sourceSha256, transcript, charStart, charEnd, metrics,
                asrText, events, flags, langDetected, gender, ageRange, dialect, track, partner, submission, samtalVersion,
                configHash, review, words);
    }

    /** Another cut of the same segment (a validator's boundaries; its speech fills the clip). */
    public ManifestRow withClip(String audioFilepath, double duration, double start, double end) {
        return new ManifestRow(id, audioFilepath, duration, text, textNormalized, lang, speaker, recordingId, start, end,
                start, end, channel, aligner, score, source, sourceSha256, transcript, charStart, charEnd, metrics,
                asrText, events, flags, langDetected, gender, ageRange, dialect, track, partner, submission, samtalVersion,
                configHash, review, words);
    }

    public ManifestRow withReview(String review) {
        return new ManifestRow(id, audioFilepath, duration, text, textNormalized, lang, speaker, recordingId, start, end,
                speechStart, speechEnd, channel, aligner, score, source, sourceSha256, transcript, charStart, charEnd, metrics,
                asrText, events, flags, langDetected, gender, ageRange, dialect, track, partner, submission, samtalVersion,
                configHash, review, words);
    }
}
