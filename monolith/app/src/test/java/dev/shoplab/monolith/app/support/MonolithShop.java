package dev.shoplab.monolith.app.support;

import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.testing.RealInfrastructure;
import java.net.URL;
import org.eclipse.microprofile.config.ConfigProvider;

/** The monolith under test as the conformance suite sees it: synchronous, its own catalogue admin. */
public final class MonolithShop {

    private MonolithShop() {
    }

    /** The shop at the test's HTTP root (as injected by {@code @TestHTTPResource("/")}). */
    public static ShopUnderTest at(URL root) {
        String base = root.toString().replaceAll("/+$", "");
        return ShopUnderTest.of(base, false, base,
                ConfigProvider.getConfig().getValue(RealInfrastructure.CONTROL_TOKEN, String.class));
    }
}
