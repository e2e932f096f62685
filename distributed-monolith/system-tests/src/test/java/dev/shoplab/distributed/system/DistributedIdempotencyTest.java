package dev.shoplab.distributed.system;

import dev.shoplab.conformance.IdempotencyConformance;
import dev.shoplab.conformance.ShopUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite's IdempotencyConformance against the distributed monolith: four services through the mesh. */
@ExtendWith(FreshMesh.class)
class DistributedIdempotencyTest extends IdempotencyConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
