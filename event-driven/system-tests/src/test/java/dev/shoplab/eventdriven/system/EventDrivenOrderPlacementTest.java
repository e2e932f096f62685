package dev.shoplab.eventdriven.system;

import dev.shoplab.conformance.OrderPlacementConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's order placement tests against the running event-driven shop, in asynchronous mode. */
class EventDrivenOrderPlacementTest extends OrderPlacementConformance {

    @Override
    protected ShopUnderTest shop() {
        return EventDrivenShop.get().asShopUnderTest();
    }
}
