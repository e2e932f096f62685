package dev.shoplab.distributed.order.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How order-service answers a repeated request whose first order is still being placed. */
@ConfigMapping(prefix = "shoplab.order")
public interface OrderConfig {

    /** How long a repeat (same Idempotency-Key) waits for the first order to end before answering 202 PENDING. */
    @WithDefault("30s")
    public Duration replayWait();

    /** How often that wait looks at the order again. */
    @WithDefault("50ms")
    public Duration replayPoll();
}
