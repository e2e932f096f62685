package dev.shoplab.eventdriven.inventory.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Configuration of inventory-service ({@code shoplab.inventory.*}). */
@ConfigMapping(prefix = "shoplab.inventory")
public interface InventoryConfig {

    /** Whether {@code PUT /admin/catalogue} waits for the read models below before it answers 204. */
    @WithDefault("true")
    boolean seedWaitsForReadModels();

    /** The read models a catalogue seed waits for (their ReadModelCaughtUp acknowledgements). */
    @WithDefault("order-service/stock-view")
    Set<String> seedReaders();

    /** Longest a seed waits for those acknowledgements; after it the seed answers 202 (the views catch up later). */
    @WithDefault("30s")
    Duration seedBarrierTimeout();
}
