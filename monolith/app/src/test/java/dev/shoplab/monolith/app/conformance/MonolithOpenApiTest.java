package dev.shoplab.monolith.app.conformance;

import dev.shoplab.conformance.OpenApiConformance;
import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.monolith.app.support.MonolithShop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;

/** The conformance suite's OpenAPI and Swagger UI checks against this edge. */
@QuarkusTest
class MonolithOpenApiTest extends OpenApiConformance {

    @TestHTTPResource("/")
    URL root;

    @Override
    protected ShopUnderTest shop() {
        return MonolithShop.at(root);
    }
}
