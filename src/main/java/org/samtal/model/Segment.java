package org.samtal.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An utterance cut from a recording: the unit a corpus is made of.
 *
 * @param id          stable id: recording id plus start time, so a rerun reproduces it
 * @param recordingId the recording it was cut from
 * @param channel     channel in the decoded audio (0 for the mono mix)
 * @param start       start in seconds in the recording
 * @param end         end in seconds in the recording
 * @param speechStart where the aligner put the start of the speech (the segment keeps a little silence before it)
 * @param speechEnd   where the aligner put the end of the speech
 * @param speaker     speaker id
 * @param text        the delivered text of the units it covers
 * @param language    BCP 47 tag
 * @param aligner     engine that placed it
 * @param score       alignment confidence in [0, 1], comparable across engines
 * @param charStart   first character in the delivered transcript
 * @param charEnd     character just past the end in the delivered transcript
 * @param metrics     engine metrics (e.g. duration ratio), for filtering and reports
 * @param asrText     what a recogniser heard in the segment, for engines that recognise ({@code null} otherwise)
 * @param textNormalized the training text made from {@code text} ({@code null} until the text stage has run)
 * @param events      non-speech annotations taken out of the text (laughter, noise, ...)
 * @param flags       what a reviewer should know of the segment (digits, lang_mismatch, ...)
 * @param langDetected the language detected in the segment's turn, when it was checked, else {@code null}
 * @param words       each word's time in the recording, from the engine that placed the segment (empty when the
 *                    engine does not time words, or when the text was redacted)
 */
public record Segment(String id, String recordingId, int channel, double start, double end, double speechStart,
                      double speechEnd, String speaker,
                      String text, String language, String aligner, double score, int charStart, int charEnd,
                      Map<String, Double> metrics, String asrText, String textNormalized, List<String> events,
                      List<String> flags, String langDetected, List<WordTime> words) {
    public Segment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (!(end > start)) throw new IllegalArgumentException("segment " + id + " must end after it starts");
        if (score < 0 || score > 1 || Double.isNaN(score)) throw new IllegalArgumentException("score out of [0,1]: " + score);
        metrics = Map.copyOf(metrics);
        events = events == null ? List.of() : List.copyOf(events);
        flags = flags == null ? List.of() : List.copyOf(flags);
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** The same segment with its delivered text replaced (personal data redacted), and its training text and flags. */
    public Segment redacted(String deliveredText, String normalized, List<String> segmentFlags) {
        return new Segment(id, recordingId, channel, start, end, speechStart, speechEnd, speaker, deliveredText, language,
                aligner, score, charStart, charEnd, metrics, asrText, normalized, events, segmentFlags, langDetected,
                List.of()); // the words would hold what was redacted
    }

    /** The same segment with its training text, events and flags. */
    public Segment withText(String normalized, List<String> eventTags, List<String> segmentFlags, String detected) {
        return new Segment(id, recordingId, channel, start, end, speechStart, speechEnd, speaker, text, language, aligner,
                score, charStart, charEnd, metrics, asrText, normalized, eventTags, segmentFlags, detected, words);
    }

    public double duration() {
        return end - start;
    }
}
