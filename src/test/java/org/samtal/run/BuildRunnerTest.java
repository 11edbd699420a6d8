package org.samtal.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildRunnerTest {
    private final int cores = Runtime.getRuntime().availableProcessors();

    @Test
    void theMachinesCoresAreSharedAmongTheRecordingsBuiltAtOnce() {
        assertThat(BuildRunner.INLINE.coresPerRecording(8)).isEqualTo(cores);
        assertThat(new BuildRunner("direct", cores, List.of(), 0).coresPerRecording(8)).isEqualTo(1);
        // fewer recordings than workers: those there are get the cores
        assertThat(new BuildRunner("direct", cores, List.of(), 0).coresPerRecording(1)).isEqualTo(cores);
        assertThat(new BuildRunner("direct", 1, List.of(), 0).coresPerRecording(8)).isEqualTo(cores);
        assertThat(new BuildRunner("direct", 4 * cores, List.of(), 0).coresPerRecording(100)).isEqualTo(1);
        assertThat(new BuildRunner("flink", 2, List.of("--flinkMaster=[local]"), 0).coresPerRecording(8))
                .isEqualTo(Math.max(1, cores / 2));
    }

    @Test
    void onAClusterARecordingTakesItsSlotsCoreUnlessTold() {
        assertThat(new BuildRunner("flink", 32, List.of("--flinkMaster=jobmanager:8081"), 0).coresPerRecording(1000)).isEqualTo(1);
        assertThat(new BuildRunner("spark", 32, List.of(), 0).coresPerRecording(1000)).isEqualTo(1);
        assertThat(new BuildRunner("flink", 32, List.of(), 4).coresPerRecording(1000)).isEqualTo(4);
        assertThat(new BuildRunner("direct", 1, List.of(), 1).coresPerRecording(8)).isEqualTo(1);
        assertThatThrownBy(() -> new BuildRunner("direct", 1, List.of(), -1)).hasMessageContaining("--recording-cores");
    }
}
