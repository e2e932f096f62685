package dev.shoplab.monolith.notification.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the notification context delivers its outbox to the mail provider. */
@ConfigMapping(prefix = "shoplab.mail")
public interface MailConfig {

    /** Base URL of the mail provider (in the lab: the mail simulator); required, the lab and the tests set it. */
    public String url();

    /** How long one delivery may take before it counts as failed and is tried again later. */
    @WithDefault("2s")
    public Duration timeout();

    /** Messages read from the outbox and sent concurrently per round. */
    @WithDefault("100")
    public int batchSize();

    /** How often the outbox is swept for messages that are due again (retries, leftovers of a crash). */
    @WithDefault("1s")
    public Duration sweepEvery();
}
