package dev.shoplab.eventdriven.system;

import dev.shoplab.conformance.OpenApiConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's OpenAPI and Swagger UI checks against this edge. */
class EventDrivenOpenApiTest extends OpenApiConformance {

    @Override
    protected ShopUnderTest shop() {
        return EventDrivenShop.get().asShopUnderTest();
    }
}
