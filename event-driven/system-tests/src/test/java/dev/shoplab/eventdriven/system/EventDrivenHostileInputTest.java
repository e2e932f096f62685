package dev.shoplab.eventdriven.system;

import dev.shoplab.conformance.HostileInputConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's hostile input tests against the running event-driven shop, in asynchronous mode. */
class EventDrivenHostileInputTest extends HostileInputConformance {

    @Override
    protected ShopUnderTest shop() {
        return EventDrivenShop.get().asShopUnderTest();
    }
}
