package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark on a small input (the 1-hour and 10-hour runs are done by hand; see the README). */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsStagesMemoryAndAccuracy() throws Exception {
        Cli.Run run = Cli.run("bench", "--hours", "0.02", "--work", dir.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(run.out());
        assertThat(f.get("audio_seconds").asDouble()).isBetween(71.0, 73.0);
        for (String stage : new String[]{"decode", "speech_detection", "alignment", "clip_writing"}) {
            assertThat(f.get(stage + "_seconds").asDouble()).as(stage).isPositive();
            assertThat(f.get(stage + "_x_real_time").asDouble()).as(stage).isPositive();
        }
        assertThat(f.get("aligner").asText()).isEqualTo("synthetic");
        assertThat(f.get("peak_heap_mb").asDouble()).isPositive();
        assertThat(f.get("peak_rss_mb").asDouble()).isPositive();
        assertThat(f.get("segments").asInt()).isPositive();
        assertThat(f.get("coverage").asDouble()).isGreaterThan(0.8);
        assertThat(f.get("false_segments").asInt()).isZero();
    }
}
