package org.samtal.beam;

import org.junit.jupiter.api.Test;
import org.samtal.intake.WorkItem;
import org.samtal.run.BuildRunner;
import org.samtal.run.BuildSettings;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster's workers do not run in the folder samtal build was started in (Spark's executors run in
 * {@code work/app-.../N}): the work items they get name their files from the root; in this process they stay as the
 * user gave them, and the report names them so.
 */
class ClusterPathsTest {
    private static final WorkItem RELATIVE = new WorkItem(Path.of("in", "talk.ogg"), Path.of("in", "talk.txt"));
    private static final WorkItem LISTED = new WorkItem(Path.of("clips", "a.wav"), null, null, null,
            new WorkItem.Listed(Path.of("clips", "metadata.tsv"), "mapped", "", "a", "halló", null, null, null, null,
                    null, 0, Double.NaN));

    private static List<WorkItem> sent(String runner) {
        CorpusBuild build = new CorpusBuild(BuildSettings.defaults("is"), Path.of("corpus"), List.of("nemo"), 0,
                false, false, true, new BuildRunner(runner, 2, List.of(), 0));
        return build.tasks(List.of(RELATIVE, LISTED)).stream().flatMap(t -> t.workItems().stream()).toList();
    }

    @Test
    void clusterWorkersGetAbsolutePaths() {
        for (String runner : List.of("flink", "spark")) {
            List<WorkItem> sent = sent(runner);
            assertThat(sent).as(runner).hasSize(2);
            assertThat(sent.get(0).media()).isEqualTo(Path.of("in", "talk.ogg").toAbsolutePath());
            assertThat(sent.get(0).transcript()).isEqualTo(Path.of("in", "talk.txt").toAbsolutePath());
            assertThat(sent.get(1).media()).isEqualTo(Path.of("clips", "a.wav").toAbsolutePath());
            assertThat(sent.get(1).transcript()).isNull();
            assertThat(sent.get(1).listed().source()).isEqualTo(Path.of("clips", "metadata.tsv").toAbsolutePath());
            assertThat(sent.get(1).listed().text()).isEqualTo("halló");
            assertThat(sent.get(1).listed().wholeFile()).isTrue();
        }
    }

    @Test
    void inThisProcessThePathsStayAsGiven() {
        List<WorkItem> sent = sent("direct");
        assertThat(sent.get(0).media()).isEqualTo(Path.of("in", "talk.ogg"));
        assertThat(sent.get(1).listed().source()).isEqualTo(Path.of("clips", "metadata.tsv"));
    }
}
