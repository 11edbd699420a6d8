package org.samtal.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread. */
public final class Tasks {
    private Tasks() {
    }

    /**
     * A pool of {@code threads} daemon threads named {@code name}, for work a stage spreads over the cores and waits
     * for (shut it down when done; daemon, so a failure elsewhere never keeps the process alive).
     */
    public static java.util.concurrent.ExecutorService pool(String name, int threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The task's result once it is done; its failure as it was thrown (an unchecked one as it is, a checked one
     * wrapped). An interrupt while waiting cancels the task and keeps the thread's interrupt status.
     *
     * @param doing what the task does, for the message when the wait is interrupted ("placing sentences")
     */
    public static <T> T result(Future<T> task, String doing) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
