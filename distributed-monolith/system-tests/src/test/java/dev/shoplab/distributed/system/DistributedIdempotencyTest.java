package dev.shoplab.distributed.system;

import dev.shoplab.conformance.IdempotencyConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's IdempotencyConformance against the distributed monolith: four services through the mesh. */
class DistributedIdempotencyTest extends IdempotencyConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
