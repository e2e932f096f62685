package dev.shoplab.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs n calls at the same moment (all threads wait at one gate) and collects their results in order. */
public final class Concurrently {

    private static final long BOUND_SECONDS = 120;

    private Concurrently() {
    }

    public static <T> List<T> run(int n, IntFunction<T> call) {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    gate.await();
                    return call.apply(index);
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>(n);
            for (Future<T> future : futures) {
                results.add(future.get(BOUND_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("concurrent calls did not finish within " + BOUND_SECONDS + " s", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
