package dev.shoplab.eventdriven.system;

import dev.shoplab.conformance.HttpCodecConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's HttpCodecConformance against the running event-driven shop: raw requests that go wrong below the endpoints. */
class EventDrivenHttpCodecTest extends HttpCodecConformance {

    @Override
    protected ShopUnderTest shop() {
        return EventDrivenShop.get().asShopUnderTest();
    }
}
