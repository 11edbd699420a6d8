package org.samtal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Samples the heap while a stage runs. The figure is the peak of used heap after collections (the pools'
 * collection usage) or, between collections, the peak used heap: both are upper bounds of what the stage needs.
 */
public final class HeapSampler implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakUsed;

    public HeapSampler() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        thread = new Thread(() -> {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > peakUsed) peakUsed = used;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Peak heap in use (bytes) seen while sampling. */
    public long peakUsedBytes() {
        return peakUsed;
    }

    /** Peak heap occupied after garbage collections (bytes): what the stage really kept alive. */
    public static long peakAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) sum += p.getCollectionUsage().getUsed();
        }
        return sum;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** Peak resident set size of this process so far, in bytes (Linux), or -1. */
    public static long peakRssBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
