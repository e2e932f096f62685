package dev.shoplab.distributed.payment;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Declares, once for every {@code @QuarkusTest} here, the real servers: database dm_payment and the PSP simulator. */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "dm_payment"),
        @ResourceArg(name = "simulators", value = "true")})
public final class PaymentTestLab {

    private PaymentTestLab() {
    }
}
