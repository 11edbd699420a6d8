package org.samtal.beam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samtal.run.BuildRunner;
import org.samtal.run.BuildSettings;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --runner spark}: Spark in this process with a thread per worker unless the user names a master. Needs the
 * spark profile's runner, whose options Beam must know ({@code mvn -Pspark test}).
 */
@Tag("spark")
class SparkOptionsTest {
    /** The options as Beam writes them for the workers: every option set, by name. */
    private static JsonNode options(BuildRunner runner) {
        PipelineOptions options = new CorpusBuild(BuildSettings.defaults("is"), Path.of("corpus"), List.of("nemo"), 0,
                false, false, true, runner).options();
        return new ObjectMapper().valueToTree(options).get("options");
    }

    @Test
    void sparkRunsLocallyWithAThreadPerWorker() {
        JsonNode o = options(new BuildRunner("spark", 3, List.of(), 0));
        assertThat(o.get("runner").asText()).endsWith("SparkRunner");
        assertThat(o.get("sparkMaster").asText()).isEqualTo("local[3]");
    }

    @Test
    void theUsersMasterIsKept() {
        JsonNode o = options(new BuildRunner("spark", 3, List.of("--sparkMaster=spark://head:7077"), 0));
        assertThat(o.get("sparkMaster").asText()).isEqualTo("spark://head:7077");
    }
}
