package dev.shoplab.distributed.system;

import dev.shoplab.conformance.OrderPlacementConformance;
import dev.shoplab.conformance.ShopUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite's OrderPlacementConformance against the distributed monolith: four services through the mesh. */
@ExtendWith(FreshMesh.class)
class DistributedOrderPlacementTest extends OrderPlacementConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
