package dev.shoplab.monolith.app.support;

import dev.shoplab.conformance.ConformanceSupport;
import dev.shoplab.conformance.ShopUnderTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;

/** Base of the monolith's own integration tests: the shop at the test's HTTP port, and the suite's helpers. */
public abstract class MonolithTestSupport extends ConformanceSupport {

    @TestHTTPResource("/")
    protected URL root;

    @Override
    protected ShopUnderTest shop() {
        return MonolithShop.at(root);
    }
}
