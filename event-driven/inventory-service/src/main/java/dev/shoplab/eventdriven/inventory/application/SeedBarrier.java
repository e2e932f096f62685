package dev.shoplab.eventdriven.inventory.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets {@code PUT /admin/catalogue} answer once the read models that show the catalogue elsewhere (the
 * edge's stock view in order-service) have applied the seed, so that a freshly seeded shop reads the same
 * everywhere. The acknowledgements arrive as ReadModelCaughtUp events; nothing but Kafka connects the two.
 * An admin convenience only: no order ever waits for it.
 */
@ApplicationScoped
public class SeedBarrier {

    private final InventoryConfig config;

    SeedBarrier(InventoryConfig config) {
        this.config = config;
    }

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Registers the seed's events before they can be acknowledged (call inside the seed's transaction). */
    public CompletableFuture<Void> expect(Collection<String> eventIds) {
        Set<String> readers = readers();
        CompletableFuture<?>[] acks = eventIds.stream()
                .flatMap(eventId -> readers.stream().map(reader -> waiting.computeIfAbsent(key(reader, eventId),
                        k -> new CompletableFuture<>())))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }

    /** True if every reader acknowledged within the configured bound; the registrations are dropped either way. */
    public boolean await(CompletableFuture<Void> acks, Collection<String> eventIds) {
        try {
            acks.get(config.seedBarrierTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            readers().forEach(reader -> eventIds.forEach(eventId -> waiting.remove(key(reader, eventId))));
        }
    }

    /** A read model says it applied an event. */
    public void acknowledge(String readModel, String eventId) {
        CompletableFuture<Void> ack = waiting.get(key(readModel, eventId));
        if (ack != null) {
            ack.complete(null);
        }
    }

    /** The bound, for messages. */
    public Duration bound() {
        return config.seedBarrierTimeout();
    }

    private Set<String> readers() {
        return config.seedWaitsForReadModels() ? config.seedReaders() : Set.of();
    }

    private static String key(String reader, String eventId) {
        return reader + "/" + eventId;
    }
}
