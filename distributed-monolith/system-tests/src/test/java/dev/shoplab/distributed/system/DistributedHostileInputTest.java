package dev.shoplab.distributed.system;

import dev.shoplab.conformance.HostileInputConformance;
import dev.shoplab.conformance.ShopUnderTest;

/** The conformance suite's HostileInputConformance against the distributed monolith: four services through the mesh. */
class DistributedHostileInputTest extends HostileInputConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
