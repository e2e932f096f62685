package dev.shoplab.distributed.system;

import dev.shoplab.conformance.ConcurrencyConformance;
import dev.shoplab.conformance.ShopUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite's ConcurrencyConformance against the distributed monolith: four services through the mesh. */
@ExtendWith(FreshMesh.class)
class DistributedConcurrencyTest extends ConcurrencyConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
