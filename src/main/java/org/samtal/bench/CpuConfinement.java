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
     * Confines this process to the first {@code cpus} of the CPUs it may use now (a process started under
     * {@code taskset -c 2,3} stays on those).
     *
     * @throws IllegalArgumentException when the process has fewer CPUs
     * @throws IllegalStateException    when taskset is missing or refused
     */
    public static CpuConfinement to(int cpus) {
        List<Integer> allowed = allowed();
        if (cpus < 1 || cpus > allowed.size()) {
            throw new IllegalArgumentException("cannot confine the build to " + cpus + " CPU" + (cpus == 1 ? "" : "s")
                    + ": this process may use " + allowed.size());
        }
        String all = list(allowed);
        taskset(list(allowed.subList(0, cpus)));
        return new CpuConfinement(all);
    }

    /** The CPUs this process may use: Linux's {@code Cpus_allowed_list}, else as many as the JVM sees, from 0. */
    public static List<Integer> allowed() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (!line.startsWith("Cpus_allowed_list:")) continue;
                List<Integer> cpus = new java.util.ArrayList<>();
                for (String part : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] range = part.split("-");
                    int from = Integer.parseInt(range[0].trim());
                    int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                    for (int c = from; c <= to; c++) cpus.add(c);
                }
                return cpus;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: as many as the JVM sees
        }
        List<Integer> cpus = new java.util.ArrayList<>();
        for (int c = 0; c < Runtime.getRuntime().availableProcessors(); c++) cpus.add(c);
        return cpus;
    }

    private static String list(List<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
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
