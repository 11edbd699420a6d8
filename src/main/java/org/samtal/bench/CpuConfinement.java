package org.samtal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * This process confined to the first {@code cpus} CPUs of the machine while open, then given them all back: every
 * thread of it (the build's workers, the garbage collector, the JIT compiler) and every program it starts meanwhile
 * (espeak-ng, which inherits the mask), as a worker container given that many cores is. Without it a build told
 * to use one core still has its collector, compiler and espeak-ng running beside it on the other cores, free.
 * Linux only, through util-linux's {@code taskset}.
 */
public final class CpuConfinement implements AutoCloseable {
    private final String all;

    private CpuConfinement(String all) {
        this.all = all;
    }

    /**
     * Confines this process to CPUs {@code 0..cpus-1}.
     *
     * @throws IllegalStateException when the machine has fewer CPUs, or taskset is missing or refused
     */
    public static CpuConfinement to(int cpus) {
        int machine = Runtime.getRuntime().availableProcessors();
        if (cpus < 1 || cpus > machine) {
            throw new IllegalStateException("cannot confine the build to " + cpus + " CPUs: this machine gives it " + machine);
        }
        String all = "0-" + (machine - 1);
        taskset(cpus == 1 ? "0" : "0-" + (cpus - 1));
        return new CpuConfinement(all);
    }

    @Override
    public void close() {
        taskset(all);
    }

    private static void taskset(String list) {
        List<String> cmd = List.of("taskset", "--all-tasks", "--pid", "--cpu-list", list,
                Long.toString(ProcessHandle.current().pid()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset could not set this process's CPUs to " + list + ": " + said);
            }
        } catch (IOException e) {
            throw new IllegalStateException("confining the build to some CPUs needs taskset (Debian: apt-get install "
                    + "util-linux): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting this process's CPUs", e);
        }
    }
}
