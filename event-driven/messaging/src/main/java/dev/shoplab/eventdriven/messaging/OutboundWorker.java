package dev.shoplab.eventdriven.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/**
 * Works off due rows of a work table against an external provider (the PSP, the mail sink) with many calls
 * in flight at once, so a slow provider costs waiting time, not threads. Each claimed row is handed to
 * {@code call}, which makes the HTTP call asynchronously and records its outcome in a transaction on
 * {@link #executor()}. The loop claims when new work is committed (a {@link #wake() nudge}), when a retry falls
 * due ({@link #wakeWithin}), at once again while it claims full batches or while calls were held back by the
 * in-flight bound and one completes, and otherwise every poll interval (a safety net: it finds rows that a
 * previous process left leased or scheduled).
 */
public final class OutboundWorker<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboundWorker.class);
    private static final int MAX_CLAIM = 50;

    private final String name;
    private final int maxInFlight;
    private final IntFunction<List<T>> claim;
    private final Function<T, CompletionStage<?>> call;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** True while due work may be waiting for a free slot: a completing call then starts a round. */
    private volatile boolean heldBack;
    private final ExecutorService executor;
    private final BackgroundLoop loop;

    /**
     * @param claim leases up to n due rows in a transaction of its own and returns them (detached)
     * @param call  works on one row; its stage completes when the outcome is recorded
     */
    public OutboundWorker(String name, int maxInFlight, Duration pollInterval, IntFunction<List<T>> claim,
                          Function<T, CompletionStage<?>> call) {
        this.name = name;
        this.maxInFlight = maxInFlight;
        this.claim = claim;
        this.call = call;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-db-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new BackgroundLoop(name, pollInterval, Duration.ofSeconds(5), this::round);
    }

    /** Starts the loop. */
    public OutboundWorker<T> start() {
        loop.start();
        return this;
    }

    /** Asks for a claim round now (new work was committed). */
    public void wake() {
        loop.wake();
    }

    /** Asks for a claim round at the latest {@code delay} from now (a retry was scheduled for then). */
    public void wakeWithin(Duration delay) {
        loop.wakeWithin(delay);
    }

    /** Where {@code call} records outcomes: a small pool for blocking database work. */
    public ExecutorService executor() {
        return executor;
    }

    /** Empty while the worker's loop runs or once it was closed; otherwise what ended it ({@link LoopThread}). */
    public Optional<String> died() {
        return loop.died();
    }

    /** Calls in flight right now. */
    public int inFlight() {
        return inFlight.get();
    }

    private boolean round() {
        int free = maxInFlight - inFlight.get();
        if (free <= 0) {
            heldBack = true;
            return false;
        }
        int limit = Math.min(free, MAX_CLAIM);
        List<T> rows = claim.apply(limit);
        heldBack = rows.size() == free;
        for (T row : rows) {
            inFlight.incrementAndGet();
            CompletionStage<?> stage;
            try {
                stage = call.apply(row);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((ignored, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    // The row keeps its lease until it expires, then it is claimed again.
                    LOG.warnf("%s: work on %s failed: %s", name, row, BackgroundLoop.describe(failure));
                }
                if (heldBack) {
                    loop.wake();
                }
            });
        }
        return rows.size() == limit && !heldBack;
    }

    @Override
    public void close() {
        loop.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
