package dev.shoplab.distributed.system;

import dev.shoplab.conformance.HttpCodecConformance;
import dev.shoplab.conformance.ShopUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite's HttpCodecConformance against the distributed monolith: four services through the mesh. */
@ExtendWith(FreshMesh.class)
class DistributedHttpCodecTest extends HttpCodecConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
