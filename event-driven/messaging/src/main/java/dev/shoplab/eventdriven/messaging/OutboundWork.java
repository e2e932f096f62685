package dev.shoplab.eventdriven.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Base of a service bean that works off leased rows against an external provider (payment's charges,
 * notification's mails): its {@link OutboundWorker} starts and stops with the service, and whoever commits
 * new work can {@link #wake()} it.
 */
public abstract class OutboundWork<T> implements RunsLoops {

    private OutboundWorker<T> worker;

    /** The worker this bean runs, configured by the subclass. */
    protected abstract OutboundWorker<T> createWorker();

    protected void start(@Observes StartupEvent event) {
        worker = createWorker().start();
    }

    protected void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.close();
        }
    }

    @Override
    public List<String> deadLoops() {
        return worker == null ? List.of() : worker.died().stream().toList();
    }

    /** Asks the worker to look for due rows now (call after committing new work). */
    public void wake() {
        if (worker != null) {
            worker.wake();
        }
    }

    /** Asks the worker to look for due rows at the latest {@code delay} from now (call after scheduling a retry). */
    protected void wakeWithin(Duration delay) {
        if (worker != null) {
            worker.wakeWithin(delay);
        }
    }

    /** Where outcomes are recorded: the worker's small pool for blocking database work. */
    protected Executor executor() {
        return worker.executor();
    }
}
