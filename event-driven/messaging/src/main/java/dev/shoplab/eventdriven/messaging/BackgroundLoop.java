package dev.shoplab.eventdriven.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * A daemon thread that runs one step of work again and again: at once while the step reports that it found
 * work, otherwise after a {@link #wake() nudge} or the poll interval; a step that throws is logged and
 * retried after a backoff that grows up to {@code maxBackoff}. Used by the relay and the outbound workers.
 */
public final class BackgroundLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final BooleanSupplier step;
    private final Semaphore nudges = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    /** @param step one round of work; returns true if it did something (so the next round starts at once) */
    public BackgroundLoop(String name, Duration pollInterval, Duration maxBackoff, BooleanSupplier step) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.step = step;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public BackgroundLoop start() {
        thread.start();
        return this;
    }

    /** Asks for a round now (for example: new work was just committed). */
    public void wake() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                boolean didWork = step.getAsBoolean();
                backoffMs = 0;
                if (!didWork) {
                    await(pollInterval.toMillis());
                }
            } catch (RuntimeException e) {
                backoffMs = backoffMs == 0 ? 100 : Math.min(backoffMs * 2, maxBackoff.toMillis());
                if (running) {
                    LOG.warnf("%s: %s; retrying in %d ms", name, describe(e), backoffMs);
                }
                await(backoffMs);
            }
        }
    }

    private void await(long millis) {
        try {
            if (nudges.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                nudges.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** An exception with its root cause, on one line. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getClass().getSimpleName() + " (" + root + ")";
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
