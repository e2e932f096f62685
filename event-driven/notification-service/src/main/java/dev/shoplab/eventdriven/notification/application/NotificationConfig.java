package dev.shoplab.eventdriven.notification.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of notification-service: the mail provider ({@code shoplab.mail.*}) and the sender's pace. */
@ConfigMapping(prefix = "shoplab.mail")
public interface NotificationConfig {

    /** Base URL of the mail provider, for example {@code http://127.0.0.1:8092}. */
    @WithDefault("http://127.0.0.1:8092")
    String url();

    /** Longest wait for a connection. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Longest wait for an answer. */
    @WithDefault("2s")
    Duration requestTimeout();

    /** First wait after a failed send; doubles per failure in a row. */
    @WithDefault("250ms")
    Duration firstRetry();

    /** Longest wait between two sends of one notification (they never stop). */
    @WithDefault("10s")
    Duration maxRetry();

    /** Most sends in flight at once. */
    @WithDefault("32")
    int maxInFlight();

    /** How long a claimed notification stays reserved for the sender that claimed it (after a crash, the wait before it is resent). */
    @WithDefault("10s")
    Duration lease();

    /**
     * How often the sender looks for due notifications when nothing nudged it: a safety net (a consumer that
     * commits a notification nudges it, a scheduled resend wakes it when it falls due) that finds what a previous
     * process left leased or scheduled.
     */
    @WithDefault("2s")
    Duration pollInterval();
}
