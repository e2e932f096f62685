package dev.shoplab.distributed.system;

import dev.shoplab.conformance.OpenApiConformance;
import dev.shoplab.conformance.ShopUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conformance suite's OpenAPI and Swagger UI checks against this edge. */
@ExtendWith(FreshMesh.class)
class DistributedOpenApiTest extends OpenApiConformance {

    @Override
    protected ShopUnderTest shop() {
        return DistributedShop.get().asShopUnderTest();
    }
}
