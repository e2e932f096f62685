package dev.shoplab.eventdriven.system;

import dev.shoplab.conformance.ConcurrencyConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's concurrency tests against the running event-driven shop, in asynchronous mode. */
class EventDrivenConcurrencyTest extends ConcurrencyConformance {

    @Override
    protected ShopUnderTest shop() {
        return EventDrivenShop.get().asShopUnderTest();
    }
}
