package dev.shoplab.distributed.system;

import dev.shoplab.conformance.OrderPlacementConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's OrderPlacementConformance against the distributed monolith: four services through the mesh. */
class DistributedOrderPlacementTest extends OrderPlacementConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
