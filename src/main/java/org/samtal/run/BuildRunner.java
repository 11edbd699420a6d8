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
 */
public record BuildRunner(String name, int workers, List<String> options) {
    /** The names {@code --runner} takes. */
    public static final List<String> NAMES = List.of("direct", "inline", "flink", "spark");
    /** One recording after another, no Beam. */
    public static final BuildRunner INLINE = new BuildRunner("inline", 1, List.of());

    public BuildRunner {
        name = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("--runner must be one of " + NAMES + ", not '" + name + "'");
        }
        if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        for (String o : options) {
            if (!o.startsWith("--") || !o.contains("=")) {
                throw new IllegalArgumentException("--beam-option takes --name=value (a Beam pipeline option), not '" + o + "'");
            }
        }
        options = List.copyOf(options);
    }

    /** In this process, using every core. */
    public static BuildRunner direct() {
        return new BuildRunner("direct", Runtime.getRuntime().availableProcessors(), List.of());
    }

    public boolean inline() {
        return name.equals("inline");
    }
}
