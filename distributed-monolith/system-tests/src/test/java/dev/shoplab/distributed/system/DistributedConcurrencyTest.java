package dev.shoplab.distributed.system;

import dev.shoplab.conformance.ConcurrencyConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's ConcurrencyConformance against the distributed monolith: four services through the mesh. */
class DistributedConcurrencyTest extends ConcurrencyConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
