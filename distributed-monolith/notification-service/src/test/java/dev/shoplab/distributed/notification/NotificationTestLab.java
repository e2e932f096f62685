package dev.shoplab.distributed.notification;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Declares, once for every {@code @QuarkusTest} here, the real servers: database dm_notification and the mail simulator. */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "dm_notification"),
        @ResourceArg(name = "simulators", value = "true")})
public final class NotificationTestLab {

    private NotificationTestLab() {
    }
}
