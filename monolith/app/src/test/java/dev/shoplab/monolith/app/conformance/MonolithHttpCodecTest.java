package dev.shoplab.monolith.app.conformance;

import dev.shoplab.conformance.HttpCodecConformance;
import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.monolith.app.support.MonolithShop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;

/** The conformance suite's HttpCodecConformance against the monolith, on real PostgreSQL and the PSP and mail simulators. */
@QuarkusTest
class MonolithHttpCodecTest extends HttpCodecConformance {

    @TestHTTPResource("/")
    URL root;

    @Override
    protected ShopUnderTest shop() {
        return MonolithShop.at(root);
    }
}
