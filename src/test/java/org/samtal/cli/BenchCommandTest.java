package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void measuresRealSpeechJoinedFromATable() throws Exception {
        Cli.Run run = Cli.run("bench", "--from-table", RealSpeechDevTest.TABLE.toString(), "--tight", "--clips", "12",
                "--work", dir.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(run.out());
        assertThat(f.get("sentences").asInt()).isEqualTo(12);
        assertThat(f.get("aligner").asText()).isEqualTo("synthetic");
        assertThat(f.get("alignment_x_real_time").asDouble()).isPositive();
        assertThat(f.get("build_cpu_seconds").asDouble()).isPositive();
        // the real-speech figures: sentences accepted and placed right inside their own clip, and precision
        assertThat(f.get("placed_right").asDouble()).as(run.out()).isGreaterThanOrEqualTo(0.75);
        assertThat(f.get("precision").asDouble()).as(run.out()).isGreaterThanOrEqualTo(0.9);
        Path input = Path.of(f.get("input").asText());
        assertThat(input).isRegularFile().hasFileName("real-is-samromur-dev-tight-12.flac");
        assertThat(input.resolveSibling("real-is-samromur-dev-tight-12.txt")).content().hasLineCount(12);
        assertThat(f.has("aeneas_seconds")).isFalse();
    }

    @Test
    void aMissingAeneasIsSaidBeforeAnythingIsBuilt() {
        Path python = dir.resolve("venv/bin/python");
        Cli.Run run = Cli.run("bench", "--from-table", RealSpeechDevTest.TABLE.toString(), "--vs-aeneas",
                "--aeneas-python", python.toString(), "--work", dir.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot run " + python).contains("pip install aeneas-ng");
        assertThat(run.out()).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void joinOptionsNeedATable() {
        Cli.Run run = Cli.run("bench", "--tight", "--work", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("use them with --from-table");
    }

    /** #17: several recordings built side by side by each runner in one run, with medians and per-stage costs. */
    @Test
    void comparesRunnersSideBySide() throws Exception {
        Cli.Run run = Cli.run("bench", "--recordings", "3", "--minutes", "0.2", "--format", "wav", "--repeat", "1",
                "--work", dir.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(run.out());
        assertThat(f.get("recordings").asInt()).isEqualTo(3);
        assertThat(f.get("warmup").asInt()).isEqualTo(1);
        assertThat(run.err()).contains("bench: direct:2 warm-up 1: ").contains("(not counted)");
        assertThat(f.get("audio_hours").asDouble()).isPositive();
        for (String runner : new String[]{"inline", "direct:1", "direct:1x1", "direct:1x1@1", "direct:2"}) {
            assertThat(f.get(runner + "_median_seconds").asDouble()).as(runner).isPositive();
            assertThat(f.get(runner + "_wall_seconds")).as(runner).hasSize(1);
        }
        double inline = f.get("inline_median_seconds").asDouble();
        double one = f.get("direct:1_median_seconds").asDouble();
        assertThat(f.get("beam_overhead_one_worker").asDouble()).isCloseTo((one - inline) / inline, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.get("speedup_more_workers").asDouble()).isCloseTo(f.get("direct:1x1_median_seconds").asDouble()
                / f.get("direct:2_median_seconds").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        // more workers are measured against one worker of one core, and against the build one by one
        assertThat(f.get("speedup_more_workers_of").asText()).isEqualTo("direct:2 against direct:1x1");
        assertThat(f.get("speedup_more_workers_pairs").get(0).asDouble()).isCloseTo(f.get("direct:1x1_wall_seconds").get(0).asDouble()
                / f.get("direct:2_wall_seconds").get(0).asDouble(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.get("speedup_over_one_by_one").asDouble()).isCloseTo(inline / f.get("direct:2_median_seconds").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        // and against the same build confined to one CPU, its collector, compiler and espeak-ng with it: it used
        // no more than that CPU (CPU time over wall time, with a little room for the clocks' grain)
        assertThat(f.get("speedup_one_cpu_to_all").asDouble()).isCloseTo(f.get("direct:1x1@1_median_seconds").asDouble()
                / f.get("direct:2_median_seconds").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.get("speedup_one_cpu_to_all_of").asText()).isEqualTo("direct:2 against direct:1x1@1");
        assertThat(f.get("direct:1x1@1_cores_used").asDouble()).isLessThan(1.05);
        assertThat(f.get("speedup_one_cpu_to_all_pairs")).hasSize(1);
        // the serial tail, from the build report
        assertThat(f.get("assembly_seconds").asDouble()).isPositive();
        assertThat(f.get("assembly_ms_per_clip").asDouble()).isPositive();
        assertThat(run.err()).contains("every figure is a single run's");
        for (String stage : new String[]{"decode", "speech_detection", "alignment", "clip_writing"}) {
            assertThat(f.get("stage_seconds_per_audio_hour." + stage).asDouble()).as(stage).isPositive();
        }
        double cpu = f.get("cpu_seconds_per_audio_hour").asDouble();
        assertThat(cpu).isPositive();
        double shared = 0;
        for (var it = f.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("stage_cpu_seconds_per_audio_hour.")) shared += f.get(k).asDouble();
        }
        // the whole build's CPU, shared out among the stages
        assertThat(shared).isCloseTo(cpu, org.assertj.core.data.Offset.offset(1e-6 * cpu));
        assertThat(Path.of(f.get("input").asText()).resolve("rec0003.wav")).isRegularFile();
        assertThat(f.get("identical_corpora").asBoolean()).isTrue();
    }

    /** The bench runs Flink and Spark in local mode in its own process, with the workers asked for. */
    @Test
    void clusterRunnersRunInLocalMode() {
        assertThat(ScaleBench.runner("direct:1x1").cores()).isEqualTo(1);
        assertThat(ScaleBench.runner("direct:2").cores()).isZero();
        assertThatThrownBy(() -> ScaleBench.runner("direct:1x0")).hasMessageContaining("at least 1");
        assertThat(ScaleBench.runner("spark:2").options()).containsExactly("--sparkMaster=local[2]");
        assertThat(ScaleBench.runner("spark:2").workers()).isEqualTo(2);
        assertThat(ScaleBench.runner("flink:3").options()).containsExactly("--flinkMaster=[local]");
        assertThat(ScaleBench.runner("direct:2").options()).isEmpty();
        // @N: the whole process confined to N CPUs while that runner builds
        assertThat(ScaleBench.runner("direct:1x1@1").cores()).isEqualTo(1);
        assertThat(ScaleBench.runner("direct:1x1@1").workers()).isEqualTo(1);
        assertThat(ScaleBench.cpus("direct:1x1@1")).isEqualTo(1);
        assertThat(ScaleBench.cpus("direct:2")).isZero();
        assertThatThrownBy(() -> ScaleBench.runner("direct:1@0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ScaleBench.runner("direct:1x1@")).hasMessageContaining("'direct:1x1@': @ takes the number of CPUs");
        assertThatThrownBy(() -> ScaleBench.runner("direct:1@99999")).hasMessageContaining("this process may use");
        assertThat(org.samtal.bench.CpuConfinement.allowed()).hasSize(Runtime.getRuntime().availableProcessors());
    }

    /** #17: Spark local[2] beside the DirectRunner, the same corpus (with the spark profile: mvn -Pspark test). */
    @Test
    @org.junit.jupiter.api.Tag("spark")
    void comparesSparkWithTheDirectRunner() throws Exception {
        Cli.Run run = Cli.run("bench", "--recordings", "2", "--minutes", "0.2", "--format", "wav", "--repeat", "1",
                "--runners", "direct:2,spark:2", "--warmup", "0", "--work", dir.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(run.out());
        assertThat(f.get("spark:2_median_seconds").asDouble()).isPositive();
        assertThat(f.get("identical_corpora").asBoolean()).isTrue();
    }

    /** The Vosk path's bench (#14 item 15): a generated Korean recording, the Korean model. */
    @Test
    void generatesKoreanForTheVoskPathAndNoOtherLanguage() throws Exception {
        Cli.Run run = Cli.run("bench", "--hours", "0.01", "--lang", "ko", "--aligner", "vosk", "--work", dir.toString(),
                "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(run.out());
        assertThat(f.get("input").asText()).contains("bench-ko-0.01h");
        assertThat(f.get("aligner").asText()).isEqualTo("vosk");
        assertThat(f.get("alignment.recognition_seconds").asDouble()).isPositive();
        assertThat(f.get("sentences").asInt()).isPositive();
        assertThat(f.get("peak_heap_mb").asDouble()).isPositive();

        Cli.Run other = Cli.run("bench", "--lang", "de", "--work", dir.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("generated recordings are Icelandic (--lang is) or Korean (--lang ko)");
    }
}
