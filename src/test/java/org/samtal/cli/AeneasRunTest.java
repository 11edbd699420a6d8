package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.synth.TruthFile;
import org.samtal.synth.TruthSentence;
import org.samtal.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How aeneas is judged and called, without aeneas installed. */
class AeneasRunTest {
    @TempDir
    Path dir;

    /** Three clips joined: [1, 4], [5, 8], [9, 12] seconds, speech 0.3 s inside each. */
    private static TruthFile joined() {
        return new TruthFile(16000, 13, List.of("dev.flac"), List.of(
                new TruthSentence(0, 0, "a", "Fyrsta setning.", 1.3, 3.7, 0, 1.0, 4.0),
                new TruthSentence(1, 1, "b", "Önnur setning.", 5.3, 7.7, 0, 5.0, 8.0),
                new TruthSentence(2, 2, "c", "Þriðja setning.", 9.3, 11.7, 0, 9.0, 12.0)));
    }

    @Test
    void judgesFragmentsByTheClipsTheyFallIn() throws Exception {
        // the first inside its clip; the second runs pause to pause (edges 0.5 s out of its clip, but mostly in
        // it); the third swallowed by the second's neighbour: it lies in the next clip's time
        JsonNode fragments = Json.mapper().readTree("""
                {"fragments": [{"begin": "1.250", "end": "3.900"}, {"begin": "4.500", "end": "8.500"},
                               {"begin": "8.500", "end": "13.000"}]}""").path("fragments");
        Map<String, Object> figures = new LinkedHashMap<>();
        AeneasRun.judge(fragments, joined(), figures);
        assertThat(figures.get("aeneas_fragments")).isEqualTo(3);
        assertThat((double) figures.get("aeneas_placed_right")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat((double) figures.get("aeneas_precision")).isCloseTo(1 / 3.0, within(1e-9));
        // 3.0 of 4.0 s of the second fragment lie in its clip, 3.0 of 4.5 s of the third
        assertThat((double) figures.get("aeneas_mostly_inside")).isCloseTo(1.0, within(1e-9));
        // errors 50, 200, 800, 800, 800, 1300 ms against the speech edges: the median is the upper middle one
        assertThat((double) figures.get("aeneas_median_boundary_error_ms")).isCloseTo(800, within(1e-6));
        assertThat((double) figures.get("aeneas_within_100ms")).isCloseTo(1 / 6.0, within(1e-9));
    }

    @Test
    void generatedSpeechHasNoClipsToBePlacedIn() throws Exception {
        TruthFile generated = new TruthFile(16000, 5, List.of("x.mp3"),
                List.of(new TruthSentence(0, 0, "a", "Halló.", 1.0, 2.0, 0)));
        Map<String, Object> figures = new LinkedHashMap<>();
        AeneasRun.judge(Json.mapper().readTree("[{\"begin\": \"0.95\", \"end\": \"2.3\"}]"), generated, figures);
        assertThat((double) figures.get("aeneas_within_100ms")).isCloseTo(0.5, within(1e-9));
        assertThat(figures).doesNotContainKeys("aeneas_placed_right", "aeneas_precision");
    }

    @Test
    void readsPeakMemoryAndCpuTimeFromTimesLog() {
        Map<String, Object> figures = new LinkedHashMap<>();
        AeneasRun.readTimeLog(List.of("\tCommand being timed: \"python -m aeneas.tools.execute_task a b c d\"",
                "\tUser time (seconds): 4.52", "\tSystem time (seconds): 0.31",
                "\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:07.14", "\tMaximum resident set size (kbytes): 497664"), figures);
        assertThat((double) figures.get("aeneas_cpu_seconds")).isCloseTo(4.83, within(1e-9));
        assertThat((double) figures.get("aeneas_peak_rss_mb")).isCloseTo(486.0, within(1e-9));
    }

    @Test
    void namesLanguagesAsAeneasDoes() {
        assertThat(AeneasRun.aeneasLanguage("is")).isEqualTo("isl");
        assertThat(AeneasRun.aeneasLanguage("fr-FR")).isEqualTo("fra");
        assertThat(AeneasRun.aeneasLanguage("de")).isEqualTo("deu");
    }

    @Test
    void aMissingPythonSaysHowToInstallAeneas() throws Exception {
        Path nowhere = dir.resolve("no-venv/bin/python");
        String message = AeneasRun.unavailable(nowhere.toString());
        assertThat(message).contains("cannot run " + nowhere).contains("pip install aeneas-ng").contains("--aeneas-python");
    }

    @Test
    void aPythonWithoutAeneasSaysSoWithItsOwnError() throws Exception {
        // an interpreter that runs but has no aeneas module, as a venv made without it
        Path python = dir.resolve("python");
        Files.writeString(python, "#!/bin/sh\necho 'Traceback (most recent call last):' >&2\n"
                + "echo \"ModuleNotFoundError: No module named 'aeneas'\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        String message = AeneasRun.unavailable(python.toString());
        assertThat(message).contains("aeneas is not installed for " + python)
                .contains("No module named 'aeneas'").contains("pip install aeneas-ng");
    }
}
