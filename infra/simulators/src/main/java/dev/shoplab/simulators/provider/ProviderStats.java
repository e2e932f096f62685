package dev.shoplab.simulators.provider;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of what reached one provider, by event name. Read by the bench audit through
 * {@code /admin/stats} and exported as {@code shoplab_simulator_events_total{provider, event}};
 * a reset sets them back to zero, which Prometheus reads like a restart.
 */
public final class ProviderStats {

    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

    public ProviderStats(String provider, List<String> events, MeterRegistry registry) {
        for (String event : events) {
            AtomicLong count = new AtomicLong();
            counts.put(event, count);
            FunctionCounter.builder("shoplab.simulator.events", count, AtomicLong::doubleValue)
                    .description("Requests and outcomes seen by a simulated provider")
                    .tag("provider", provider)
                    .tag("event", event)
                    .register(registry);
        }
    }

    public void increment(String event) {
        AtomicLong count = counts.get(event);
        if (count == null) {
            throw new IllegalArgumentException("unknown event " + event + "; known: " + counts.keySet());
        }
        count.incrementAndGet();
    }

    /** Every count, in the order the events were declared. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.forEach((event, count) -> copy.put(event, count.get()));
        return copy;
    }

    public void reset() {
        counts.values().forEach(count -> count.set(0));
    }
}
