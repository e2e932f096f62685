package dev.shoplab.simulators.provider;

import io.vertx.ext.web.RoutingContext;

/**
 * What a provider remembers about a request from the moment it reaches an endpoint until it is handled: a request
 * waits out its latency first, and a provider may have to answer for it meanwhile (the PSP answers a lookup of a
 * charge it holds {@code 409 charge-in-progress}, ADR 0022).
 */
@FunctionalInterface
public interface Arrivals {

    /** Remembers nothing: for endpoints whose requests nobody asks about while they wait. */
    Arrivals NONE = ctx -> () -> {
    };

    /**
     * Called once per request that reached the endpoint (its body read, before its faults are applied).
     *
     * @return what to run once the request is over on the provider's side — handled (answered or held, whatever it
     *         answered), failed by an injected error, or dropped because the provider went down — exactly once,
     *         never null; it must not throw
     */
    Runnable arrived(RoutingContext ctx);
}
