package dev.shoplab.monolith.order.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the order context places and recovers orders. */
@ConfigMapping(prefix = "shoplab.orders")
public interface OrderConfig {

    /** How often the recovery job looks for orders left PENDING. */
    @WithDefault("2s")
    public Duration recoverEvery();

    /**
     * Age after which a PENDING order is no longer in anyone's hands (its request has either
     * finished or died) and the recovery job concludes it; longer than a charge and its lookup.
     */
    @WithDefault("15s")
    public Duration stalePendingAfter();

    /** Age after which the recovery job fails a PENDING order even if the PSP still cannot be asked. */
    @WithDefault("2m")
    public Duration giveUpAfter();

    /** How long a repeated request waits for the first one (same key) to conclude. */
    @WithDefault("10s")
    public Duration replayWait();
}
