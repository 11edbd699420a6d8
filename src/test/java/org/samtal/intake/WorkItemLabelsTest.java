package org.samtal.intake;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress lines name each recording by as much of its path as tells it from the others (found in a user trial). */
class WorkItemLabelsTest {
    private static List<WorkItem> items(String... paths) {
        List<WorkItem> out = new ArrayList<>();
        for (String p : paths) out.add(new WorkItem(Path.of(p), null));
        return out;
    }

    @Test
    void aNameSharedWithAnotherRecordingGetsItsFoldersUntilItIsItsOwn() {
        Map<Path, String> labels = WorkItem.labels(items("in/a/sama.wav", "in/b/sama.wav", "in/c/annad.wav",
                "in/x/y/z.wav", "in/w/y/z.wav", "in/ZOOM0001.WAV"));
        assertThat(labels).containsEntry(Path.of("in/a/sama.wav"), "a/sama.wav")
                .containsEntry(Path.of("in/b/sama.wav"), "b/sama.wav")
                .containsEntry(Path.of("in/c/annad.wav"), "annad.wav")
                .containsEntry(Path.of("in/x/y/z.wav"), "x/y/z.wav")
                .containsEntry(Path.of("in/w/y/z.wav"), "w/y/z.wav")
                .containsEntry(Path.of("in/ZOOM0001.WAV"), "ZOOM0001.WAV");
        // every label its own
        assertThat(labels.values()).doesNotHaveDuplicates();
    }

    @Test
    void aNameTheSameAsAnotherWholePathStillTerminates() {
        Map<Path, String> labels = WorkItem.labels(items("sama.wav", "b/sama.wav", "/abs/b/sama.wav"));
        assertThat(labels.get(Path.of("sama.wav"))).isEqualTo("sama.wav");
        assertThat(labels.get(Path.of("b/sama.wav"))).isEqualTo("b/sama.wav");
        assertThat(labels.get(Path.of("/abs/b/sama.wav"))).isEqualTo("abs/b/sama.wav");
    }
}
