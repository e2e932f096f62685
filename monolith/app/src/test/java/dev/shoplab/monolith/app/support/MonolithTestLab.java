package dev.shoplab.monolith.app.support;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Declares, once for every {@code @QuarkusTest} of the monolith, the real servers they run on: a
 * PostgreSQL database {@code monolith} and the PSP and mail simulators (started once per test JVM).
 */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "monolith"),
        @ResourceArg(name = "simulators", value = "true")})
public final class MonolithTestLab {

    private MonolithTestLab() {
    }
}
