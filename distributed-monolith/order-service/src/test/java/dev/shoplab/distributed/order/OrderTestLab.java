package dev.shoplab.distributed.order;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Declares, once for every {@code @QuarkusTest} here, the real database dm_order. The other services are
 * not started: these tests pin the edge alone (the system tests run all four through the mesh).
 */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "dm_order"))
public final class OrderTestLab {

    private OrderTestLab() {
    }
}
