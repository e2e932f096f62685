package dev.shoplab.eventdriven.system;

import dev.shoplab.conformance.IdempotencyConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's idempotency tests against the running event-driven shop, in asynchronous mode. */
class EventDrivenIdempotencyTest extends IdempotencyConformance {

    @Override
    protected ShopUnderTest shop() {
        return EventDrivenShop.get().asShopUnderTest();
    }
}
