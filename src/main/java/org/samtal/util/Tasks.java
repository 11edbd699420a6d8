package org.samtal.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread. */
public final class Tasks {
    private Tasks() {
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
