package dev.shoplab.loadtests.simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one load run, read from system properties that the bench sets
 * ({@code shoplab.load.*}); every key has a default so the simulation also runs by hand.
 *
 * @param baseUrl          the architecture's public API
 * @param phases           arrival-rate phases (orders per second for a duration); more than one for saturation
 * @param clientRetries    how often a client retries a failed POST with the same Idempotency-Key
 * @param requestTimeout   how long a client waits for one answer
 * @param pollInterval     pause before the first GET of an order that is not terminal (the next ones back off)
 * @param outcomeTimeout   how long a client polls before it records the order as still pending
 * @param skuCount         orders draw skus from SKU-0001 … SKU-{skuCount} (small numbers provoke contention)
 * @param recordFile       where the per-order CSV goes
 */
public record LoadSettings(String baseUrl, List<Phase> phases, int clientRetries, Duration requestTimeout,
                           Duration pollInterval, Duration outcomeTimeout, int skuCount, Path recordFile) {

    /** A constant arrival rate held for a while. */
    public record Phase(double ratePerSecond, Duration duration) {
    }

    /** The pause before a client's first GET of an order that is not terminal yet (25 ms; later polls back off). */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    public static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                System.getProperty("shoplab.load.base-url", "http://127.0.0.1:8080"),
                parsePhases(System.getProperty("shoplab.load.phases", "50x30")),
                Integer.getInteger("shoplab.load.client-retries", 0),
                Duration.ofMillis(Long.getLong("shoplab.load.request-timeout-ms", 10_000)),
                Duration.ofMillis(Long.getLong("shoplab.load.poll-interval-ms", POLL_INTERVAL.toMillis())),
                Duration.ofMillis(Long.getLong("shoplab.load.outcome-timeout-ms", 30_000)),
                Integer.getInteger("shoplab.load.sku-count", 999),
                Path.of(System.getProperty("shoplab.load.record-file", "target/orders.csv")));
    }

    /** Parses {@code 50x30,100x20}: 50 orders/s for 30 s, then 100 orders/s for 20 s. */
    public static List<Phase> parsePhases(String spec) {
        List<Phase> phases = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] rateAndSeconds = part.trim().split("x");
            if (rateAndSeconds.length != 2) {
                throw new IllegalArgumentException("Bad load phase '" + part + "': write RATExSECONDS, e.g. 50x30");
            }
            phases.add(new Phase(Double.parseDouble(rateAndSeconds[0]),
                    Duration.ofMillis(Math.round(Double.parseDouble(rateAndSeconds[1]) * 1000))));
        }
        return phases;
    }

    /** The phases as the property value {@link #parsePhases} reads. */
    public static String formatPhases(List<Phase> phases) {
        return String.join(",", phases.stream().map(p -> trim(p.ratePerSecond()) + "x"
                + trim(p.duration().toMillis() / 1000.0)).toList());
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The longest pause between two polls of one pending order. */
    public static final Duration MAX_POLL_PAUSE = Duration.ofSeconds(1);

    /**
     * The pause before the next poll of a pending order after {@code pollsDone} polls: {@code first}, then each
     * one 1.5 times longer, at most {@link #MAX_POLL_PAUSE}, as a client of an asynchronous API polls. A fixed
     * short interval would make every pending order poll 40 times a second, and a backlog of pending orders
     * would then swamp the edge with its own polls (at a 250 ms cap, 41 GETs per order when the event-driven
     * system fell behind, the order-service spending most of its CPU on them). The pace does not blur the
     * outcome latency: that is the moment the order concluded, as the edge reports it (ShopSimulation).
     */
    public static Duration pollPause(Duration first, int pollsDone) {
        return pollPause(first, pollsDone, MAX_POLL_PAUSE);
    }

    /** As {@link #pollPause(Duration, int)}, with another longest pause (the live lab's, ADR 0015). */
    public static Duration pollPause(Duration first, int pollsDone, Duration longest) {
        double millis = first.toMillis() * Math.pow(1.5, pollsDone);
        return Duration.ofMillis(Math.round(Math.min(millis, longest.toMillis())));
    }
}
