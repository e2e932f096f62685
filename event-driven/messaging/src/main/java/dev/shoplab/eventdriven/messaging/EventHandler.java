package dev.shoplab.eventdriven.messaging;

/**
 * Implemented by the one bean of a service that consumes events: it says which topics and types it
 * applies and how. The consumer loop calls the actions inside the transaction that also records the
 * event as processed, so an action is applied once however often the event is delivered.
 */
public interface EventHandler {

    /** The topics and per-type actions of this service. */
    EventRoutes routes();
}
