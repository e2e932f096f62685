package dev.shoplab.monolith.app.conformance;

import dev.shoplab.conformance.ConcurrencyConformance;
import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.monolith.app.support.MonolithShop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;

/** The conformance suite's ConcurrencyConformance against the monolith, on real PostgreSQL and the PSP and mail simulators. */
@QuarkusTest
class MonolithConcurrencyTest extends ConcurrencyConformance {

    @TestHTTPResource("/")
    URL root;

    @Override
    protected ShopUnderTest shop() {
        return MonolithShop.at(root);
    }
}
