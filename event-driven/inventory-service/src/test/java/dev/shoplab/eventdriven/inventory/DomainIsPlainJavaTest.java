package dev.shoplab.eventdriven.inventory;

import dev.shoplab.eventdriven.testing.DomainRules;
import org.junit.jupiter.api.Test;

class DomainIsPlainJavaTest {

    @Test
    void inventory_domain_imports_no_framework() {
        DomainRules.assertDomainImportsNoFramework("dev.shoplab.eventdriven.inventory");
    }
}
