package dev.shoplab.distributed.system;

import dev.shoplab.conformance.HostileInputConformance;
import dev.shoplab.conformance.ShopUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite's HostileInputConformance against the distributed monolith: four services through the mesh. */
@ExtendWith(FreshMesh.class)
class DistributedHostileInputTest extends HostileInputConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
