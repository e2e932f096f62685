package dev.shoplab.monolith.app.conformance;

import dev.shoplab.conformance.IdempotencyConformance;
import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.monolith.app.support.MonolithShop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;

/** The conformance suite's IdempotencyConformance against the monolith, on real PostgreSQL and the PSP and mail simulators. */
@QuarkusTest
class MonolithIdempotencyTest extends IdempotencyConformance {

    @TestHTTPResource("/")
    URL root;

    @Override
    protected ShopUnderTest shop() {
        return MonolithShop.at(root);
    }
}
