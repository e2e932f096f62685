package dev.shoplab.eventdriven.payment.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of payment-service ({@code shoplab.payment.*}): retries, reconciliation and concurrency. */
@ConfigMapping(prefix = "shoplab.payment")
public interface PaymentConfig {

    /** Retries of a charge whose attempt failed transiently (503, refused connection, lost answer). */
    Retry retry();

    /**
     * After giving up on a charge whose outcome was unknown, how long a lookup's "no such charge" (404) is taken as "not
     * yet" before it is taken as "never": the PSP is assumed to have received every attempt within this window. A
     * charge it has received and still holds is answered {@code 409 charge-in-progress}, which keeps the payment
     * looking past the window (docs/adr/0022).
     */
    @WithDefault("30s")
    Duration settleWindow();

    /** Most PSP calls in flight at once. */
    @WithDefault("64")
    int maxInFlight();

    /**
     * How long a claimed payment stays reserved for the worker that claimed it: longer than a PSP call, and
     * after a crash the wait before it is charged again (with the same key).
     */
    @WithDefault("10s")
    Duration lease();

    /**
     * How often the worker looks for due payments when nothing nudged it: a safety net (a consumer that commits a
     * payment to charge nudges it, a scheduled retry wakes it when it falls due) that finds what a previous
     * process left leased or scheduled.
     */
    @WithDefault("2s")
    Duration pollInterval();

    /** The retry bound. */
    interface Retry {

        /** Attempts at most, the first included. */
        @WithDefault("12")
        int maxAttempts();

        /** Ceiling of the first wait; doubles per failed attempt. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Largest wait between two attempts (with the defaults, retries span 21 to 42 s: a 20 s outage is ridden out). */
        @WithDefault("6s")
        Duration maxBackoff();
    }
}
