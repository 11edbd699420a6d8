package org.samtal.run;

import java.util.List;
import java.util.Locale;

/**
 * Where a build's recordings run.
 *
 * @param name    {@code inline} (one after another in this thread, as samtal did before Beam), {@code direct}
 *                (Beam's DirectRunner in this process, {@code workers} recordings at once), {@code flink} or
 *                {@code spark} (the same pipeline on a cluster; their runner must be in the jar: samtal-cluster.jar
 *                for Flink, samtal-spark.jar for Spark)
 * @param workers recordings built at once in this process ({@code direct}); the cluster runners take their
 *                parallelism from {@code options} or the cluster
 * @param options more Beam pipeline options, as {@code --name=value} (e.g. {@code --flinkMaster=host:8081})
 * @param cores   the cores each recording may use, or 0 for {@link #coresPerRecording}'s choice
 */
public record BuildRunner(String name, int workers, List<String> options, int cores) {
    /** The names {@code --runner} takes. */
    public static final List<String> NAMES = List.of("direct", "inline", "flink", "spark");
    /** One recording after another, no Beam. */
    public static final BuildRunner INLINE = new BuildRunner("inline", 1, List.of(), 0);

    public BuildRunner {
        name = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("--runner must be one of " + NAMES + ", not '" + name + "'");
        }
        if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        if (cores < 0) throw new IllegalArgumentException("--recording-cores must be at least 1, not " + cores);
        for (String o : options) {
            if (!o.startsWith("--") || !o.contains("=")) {
                throw new IllegalArgumentException("--beam-option takes --name=value (a Beam pipeline option), not '" + o + "'");
            }
        }
        options = List.copyOf(options);
    }

    /** In this process, using every core. */
    public static BuildRunner direct() {
        return new BuildRunner("direct", Runtime.getRuntime().availableProcessors(), List.of(), 0);
    }

    public boolean inline() {
        return name.equals("inline");
    }

    /**
     * The cores each recording may use while {@code units} units of work are built: on this machine (the
     * DirectRunner, or a cluster runner's local mode) its cores shared among the recordings built at once, so
     * one recording alone gets them all and as many recordings as cores get one each; on a cluster, one (a worker
     * runs a recording per task slot, and slots are set to its cores). {@link #cores}, when set, instead.
     */
    public int coresPerRecording(int units) {
        if (cores > 0) return cores;
        boolean local = name.equals("direct") || name.equals("inline")
                || options.stream().anyMatch(o -> o.contains("[local]") || o.contains("=local"));
        if (!local) return 1;
        int atOnce = inline() ? 1 : Math.max(1, Math.min(workers, units));
        return Math.max(1, Runtime.getRuntime().availableProcessors() / atOnce);
    }
}
