package org.samtal.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.samtal.align.SegmentFilter;

import java.util.List;
import java.util.Map;

/**
 * What became of one input recording; one entry of {@code build-report.json}.
 *
 * @param input            the media file
 * @param transcript       its transcript, if any
 * @param status           {@code ok}, {@code skipped} (built before, unchanged), {@code duplicate} or {@code failed}
 * @param message          for a failure, what is wrong and what to do; otherwise a short summary
 * @param recordingId      the recording's id, once known
 * @param aligner          engine used
 * @param audioSeconds     decoded duration
 * @param speechSeconds    detected speech
 * @param segments         segments written
 * @param segmentSeconds   audio in those segments
 * @param unalignedUnits   transcript sentences that found no audio
 * @param removed          per filter, what it removed
 * @param warnings         problems worth a look that did not stop the recording
 * @param notes            information, not a problem: which engine placed what, the espeak-ng voice the evidence chose,
 *                         the clips aligned together, a copy kept ({@code --duplicates report}), the speakers aligned on
 *                         their own channels
 * @param stages           wall seconds per stage (decode, speech_detection, alignment and its parts, clip_writing)
 * @param personalData     personal data found in the transcript: kind, position and what was done, never the value
 * @param elapsedSeconds   wall time spent on it
 */
public record RecordingOutcome(String input, String transcript, String status, String message,
                               @JsonProperty("recording_id") String recordingId, String aligner,
                               @JsonProperty("audio_seconds") double audioSeconds,
                               @JsonProperty("speech_seconds") double speechSeconds, int segments,
                               @JsonProperty("segment_seconds") double segmentSeconds,
                               @JsonProperty("unaligned_units") int unalignedUnits,
                               Map<String, SegmentFilter.Removed> removed, List<String> warnings,
                               List<String> notes, Map<String, Double> stages,
                               @JsonProperty("personal_data") List<org.samtal.privacy.Screening.Reported> personalData,
                               @JsonProperty("elapsed_seconds") double elapsedSeconds) {
    public static final String OK = "ok";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
    /** A copy of a recording already in the corpus (same audio, same sound, or same transcript): left out. */
    public static final String DUPLICATE = "duplicate";

    // Lines that are information, not a problem, and how they begin or end: the pipeline makes every line into one
    // list and the constructor moves these to notes (isNote), so the classification lives here only.
    /** How the line saying which engine placed how many sentences begins. */
    public static final String PLACED_BY = "sentences placed by engine: ";
    /** How the line naming the espeak-ng voice the evidence chose begins, and what it says next. */
    public static final String VOICE = "espeak-ng voice ";
    public static final String VOICE_CHOSEN = " chosen by evidence (";
    /** How the line naming the clips a listed clip was aligned with begins. */
    public static final String CLIPS_JOINED = "aligned with ";
    /** How the line on a copy kept ends ({@link #keptCopy}). */
    public static final String KEPT_COPY = "; kept (--duplicates report)";
    /** How the line saying the speakers were aligned on their own channels begins. */
    public static final String SPLIT_CHANNELS = "one speaker per channel (";

    /**
     * The outcome with its lines sorted: the lines of {@code warnings} that are information ({@link #isNote}) move
     * to the end of {@code notes}. The pipeline hands every line it makes in {@code warnings}, and a report written
     * before notes had their own list (read again to resume) held them there too.
     */
    public RecordingOutcome {
        List<String> problems = new java.util.ArrayList<>();
        List<String> information = new java.util.ArrayList<>(notes == null ? List.of() : notes);
        for (String line : warnings == null ? List.<String>of() : warnings) (isNote(line) ? information : problems).add(line);
        warnings = List.copyOf(problems);
        notes = List.copyOf(information);
    }

    /** Whether a line is information rather than a problem: it goes to {@link #notes()}, and the terminal says it as a note. */
    public static boolean isNote(String line) {
        return line.startsWith(PLACED_BY) || line.startsWith(CLIPS_JOINED) || line.endsWith(KEPT_COPY)
                || line.startsWith(SPLIT_CHANNELS)
                || line.startsWith(VOICE) && line.contains(VOICE_CHOSEN);
    }

    /**
     * A copy left out ({@code --duplicates skip}): its decoding and speech detection were what it cost.
     *
     * @param stages the stages it went through; only decoding and speech detection are kept
     */
    public static RecordingOutcome duplicate(String input, String transcript, String recordingId,
                                             org.samtal.corpus.DuplicateIndex.Duplicate copy, double audioSeconds,
                                             Map<String, Double> stages, double elapsed) {
        String what = what(copy);
        Map<String, Double> before = new java.util.LinkedHashMap<>();
        for (String stage : List.of("decode", "speech_detection")) if (stages.containsKey(stage)) before.put(stage, stages.get(stage));
        return new RecordingOutcome(input, transcript, DUPLICATE, input + ": a copy of " + copy.of() + " (" + what
                + "); left out", recordingId, null, audioSeconds, 0, 0, 0, 0, Map.of(), List.of(), List.of(), before, List.of(), elapsed);
    }

    /** The note on a copy kept ({@code --duplicates report}). */
    public static String keptCopy(org.samtal.corpus.DuplicateIndex.Duplicate copy) {
        return "a copy of " + copy.of() + " (" + what(copy) + ")" + KEPT_COPY;
    }

    /** What two copies share, as the lines on copies say it. */
    private static String what(org.samtal.corpus.DuplicateIndex.Duplicate copy) {
        return switch (copy.kind()) {
            case "audio" -> "the same decoded audio";
            case "near_audio" -> "the same sound (re-encoded or trimmed)";
            default -> "the same transcript";
        };
    }

    static RecordingOutcome failed(String input, String transcript, String recordingId, String message,
                                   double elapsed) {
        return new RecordingOutcome(input, transcript, FAILED, message, recordingId, null, 0, 0, 0, 0, 0, Map.of(),
                List.of(), List.of(), Map.of(), List.of(), elapsed);
    }
}
