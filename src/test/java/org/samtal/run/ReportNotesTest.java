package org.samtal.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.samtal.util.Json;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording's lines in {@code build-report.json}: problems under {@code warnings}, information under {@code notes},
 * also when the report was written before notes had their own list (a resumed build reads it again).
 */
class ReportNotesTest {
    private static final String PLACED = "sentences placed by engine: vosk 12, synthetic 2";
    private static final String UNPLACED = "2 transcript sentence(s) found no audio: \u201cJá.\u201d";
    private static final String KEPT = "a copy of a-1 (the same decoded audio); kept (--duplicates report)";
    private static final String CHANNELS = "one speaker per channel (anna on channel 0, 60 dB over the other, jon on "
            + "channel 1, 58 dB over the other): each speaker's turns aligned on their own channel and cut from it";

    /** A report of the shape samtal wrote before notes: every line under warnings, no counts in the totals. */
    private static final String OLD_REPORT = """
            {"samtal_version": "0.9.0", "started_at": "2026-11-01T10:00:00Z", "finished_at": "2026-11-01T10:01:00Z",
             "config_hash": "abc", "settings": null,
             "recordings": [{"input": "in/b.wav", "transcript": "in/b.txt", "status": "ok", "message": "3 segments",
                             "recording_id": "b-2", "aligner": "vosk+synthetic", "audio_seconds": 60.0,
                             "speech_seconds": 50.0, "segments": 3, "segment_seconds": 40.0, "unaligned_units": 2,
                             "removed": {}, "warnings": ["%s", "%s", "%s", "%s"], "stages": {"decode": 0.5},
                             "personal_data": [], "elapsed_seconds": 4.0}],
             "ignored": [], "pruned": [],
             "totals": {"ok": 1, "skipped": 0, "duplicates": 0, "failed": 0, "segments": 3, "speakers": 2,
                        "segment_hours": 0.01, "audio_hours": 0.02, "elapsed_seconds": 60.0, "assembly_seconds": 1.0}}
            """.formatted(KEPT, PLACED, UNPLACED, CHANNELS);

    @Test
    void anOlderReportsNotesAmongItsWarningsAreReadAsNotes() throws Exception {
        BuildReport old = Json.mapper().readValue(OLD_REPORT, BuildReport.class);
        RecordingOutcome o = old.recordings().get(0);
        assertThat(o.warnings()).containsExactly(UNPLACED);
        assertThat(o.notes()).containsExactly(KEPT, PLACED, CHANNELS);
        // written again, each line is in its own list
        JsonNode again = Json.mapper().valueToTree(old).get("recordings").get(0);
        assertThat(again.get("warnings")).hasSize(1);
        assertThat(again.get("warnings").get(0).asText()).isEqualTo(UNPLACED);
        assertThat(again.get("notes")).hasSize(3);
    }

    @Test
    void linesMadeTogetherAreSortedOnceAndNotesGivenStayNotes() {
        String voice = RecordingOutcome.VOICE + "en-us" + RecordingOutcome.VOICE_CHOSEN + "en-us 0.81, en-gb 0.74 mean "
                + "score of a sample); a region in --lang (en-US, pt-BR) fixes the voice";
        String joined = RecordingOutcome.CLIPS_JOINED + "3 other clip(s) of metadata.tsv joined with 0.3 s of room tone";
        RecordingOutcome o = new RecordingOutcome("in/a.wav", "in/a.txt", RecordingOutcome.OK, "3 segments", "a-1", "vosk",
                60, 50, 3, 40, 0, Map.of(), List.of(UNPLACED, voice, joined), List.of(KEPT), Map.of(), List.of(), 4);
        assertThat(o.warnings()).containsExactly(UNPLACED);
        assertThat(o.notes()).containsExactly(KEPT, voice, joined);
        // a voice line that names no evidence is not one of the notes
        String noVoice = RecordingOutcome.VOICE + "yo: none installed";
        assertThat(RecordingOutcome.isNote(noVoice)).isFalse();
    }
}
