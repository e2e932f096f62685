package dev.shoplab.eventdriven.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * A daemon thread that runs one step of work again and again: at once while the step reports that more work
 * may be waiting (it took a full batch); otherwise after a {@link #wake() nudge}, at a time asked for with
 * {@link #wakeWithin} (a scheduled retry falling due), or after the poll interval, whichever comes first. A
 * nudge that arrives while a step runs is kept, so the next round starts at once. A step that throws is
 * logged and retried after a backoff that grows up to {@code maxBackoff}; an {@link Error} ends the thread, which
 * the service's health then reports ({@link #died()}, {@link LoopThread}). Used by the relay and the outbound
 * workers: an idle loop costs one round per poll interval, so the interval is a safety net, not a pace.
 */
public final class BackgroundLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final BooleanSupplier step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LoopThread thread;
    private boolean nudged;
    private long dueNanos = Long.MAX_VALUE;
    private volatile boolean running = true;

    /** @param step one round of work; returns true if more work may be waiting (so the next round starts at once) */
    public BackgroundLoop(String name, Duration pollInterval, Duration maxBackoff, BooleanSupplier step) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.step = step;
        this.thread = new LoopThread(name, this::loop);
    }

    /** Starts the thread. */
    public BackgroundLoop start() {
        thread.start();
        return this;
    }

    /** Empty while the loop runs or once it was closed; otherwise its name and what ended it (see {@link LoopThread}). */
    public Optional<String> died() {
        return thread.died();
    }

    /** Asks for a round now (for example: new work was just committed). */
    public void wake() {
        lock.lock();
        try {
            nudged = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a round at the latest {@code delay} from now (for example: a retry was scheduled for then). */
    public void wakeWithin(Duration delay) {
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        lock.lock();
        try {
            if (due - dueNanos < 0 || dueNanos == Long.MAX_VALUE) {
                dueNanos = due;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                boolean moreWaiting = step.getAsBoolean();
                backoffMs = 0;
                if (!moreWaiting) {
                    await(pollInterval.toNanos());
                }
            } catch (RuntimeException e) {
                backoffMs = backoffMs == 0 ? 100 : Math.min(backoffMs * 2, maxBackoff.toMillis());
                if (running) {
                    LOG.warnf("%s: %s; retrying in %d ms", name, describe(e), backoffMs);
                }
                await(TimeUnit.MILLISECONDS.toNanos(backoffMs));
            }
        }
    }

    /** Waits until a nudge, the due time asked for, or {@code maxNanos}, whichever comes first. */
    private void await(long maxNanos) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + maxNanos;
            while (!nudged && running) {
                long now = System.nanoTime();
                long until = dueNanos != Long.MAX_VALUE && dueNanos - deadline < 0 ? dueNanos : deadline;
                if (until - now <= 0) {
                    break;
                }
                changed.awaitNanos(until - now);
            }
            nudged = false;
            if (dueNanos != Long.MAX_VALUE && dueNanos - System.nanoTime() <= 0) {
                dueNanos = Long.MAX_VALUE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
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
        thread.stop(thread::interrupt);
    }
}
