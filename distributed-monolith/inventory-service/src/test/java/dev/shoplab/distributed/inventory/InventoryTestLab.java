package dev.shoplab.distributed.inventory;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Declares, once for every {@code @QuarkusTest} here, the real PostgreSQL database they run on. */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "dm_inventory"))
public final class InventoryTestLab {

    private InventoryTestLab() {
    }
}
