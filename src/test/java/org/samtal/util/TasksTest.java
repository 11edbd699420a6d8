package org.samtal.util;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waiting for another thread's work: its result, its failure as thrown, an interrupt that cancels it. */
class TasksTest {
    @Test
    void theResultOrTheFailureAsItWasThrown() {
        assertThat(Tasks.result(CompletableFuture.completedFuture(7), "adding")).isEqualTo(7);
        UncheckedIOException broken = new UncheckedIOException(new IOException("disk full"));
        assertThatThrownBy(() -> Tasks.result(CompletableFuture.failedFuture(broken), "writing")).isSameAs(broken);
        assertThatThrownBy(() -> Tasks.result(CompletableFuture.failedFuture(new IOException("gone")), "reading"))
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void anInterruptWhileWaitingCancelsTheTaskAndKeepsTheStatus() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch never = new CountDownLatch(1);
            Future<Object> task = pool.submit(() -> {
                never.await();
                return null;
            });
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> Tasks.result(task, "placing sentences"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while placing sentences");
            assertThat(Thread.interrupted()).isTrue();
            assertThat(task.isCancelled()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
