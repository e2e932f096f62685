package dev.shoplab.eventdriven.messaging;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The thread of a loop that runs as long as its service does (a consumer, the outbox relay, an outbound worker),
 * and whether it died: ended while nobody stopped it.
 *
 * <p>A loop retries whatever throws an {@link Exception} (a database or broker that is down, a record that fails).
 * An {@link Error} — a stack overflow, a class that cannot be loaded, a failed assertion — ends it: after one,
 * nothing says the loop's state or the JVM's is sound, and the same work would most likely end the same way, over
 * and over, while the service looks alive. The simplest honest answer is to say so and let the process be
 * restarted, which the design survives like any crash (ADR 0005: offsets are committed after the effects, leases
 * expire): the error is logged at ERROR with the thread's name, and from then on the service's liveness and
 * readiness report DOWN with it ({@link MessagingLiveness}), so a supervisor that probes liveness (the Kubernetes
 * manifests probe {@code /q/health/live}) restarts the process. Running out of memory never gets here: the
 * services run with {@code -XX:+ExitOnOutOfMemoryError}.
 */
final class LoopThread {

    private static final Logger LOG = Logger.getLogger(LoopThread.class);
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final Thread thread;
    private volatile boolean stopped;
    private volatile String death;

    /** A daemon thread named {@code name} that runs {@code loop} once (the loop loops). */
    LoopThread(String name, Runnable loop) {
        this.thread = new Thread(() -> run(loop), name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Interrupts the thread (a loop that waits or sleeps wakes up). */
    void interrupt() {
        thread.interrupt();
    }

    /**
     * Stops the loop on purpose: from now on its end is no death; {@code wake} makes the loop notice (its running
     * flag is already cleared). Waits up to 10 s for the thread to end.
     */
    void stop(Runnable wake) {
        stopped = true;
        wake.run();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Empty while the loop runs, before it starts and once it was stopped; otherwise the thread's name and what ended
     * it (an error, or a return nobody asked for).
     */
    Optional<String> died() {
        if (stopped || thread.isAlive() || thread.getState() == Thread.State.NEW) {
            return Optional.empty();
        }
        return Optional.of(thread.getName() + " died: " + (death == null ? "it returned" : death));
    }

    private void run(Runnable loop) {
        try {
            loop.run();
            if (!stopped) {
                LOG.errorf("%s ended without being stopped; health reports DOWN until the service restarts",
                        thread.getName());
            }
        } catch (Throwable e) { // an Error, on purpose: logged and reported (see the class)
            death = BackgroundLoop.describe(e);
            LOG.errorf(e, "%s died; health reports DOWN until the service restarts", thread.getName());
        }
    }
}
