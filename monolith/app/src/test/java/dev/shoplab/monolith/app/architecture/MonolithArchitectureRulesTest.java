package dev.shoplab.monolith.app.architecture;

import dev.shoplab.rules.ArchitectureRules;
import dev.shoplab.rules.Shape.Architecture;

/** ADR 0006's shape, checked on the monolith's compiled classes and on the checkout's sources. */
class MonolithArchitectureRulesTest extends ArchitectureRules {

    @Override
    protected Architecture architecture() {
        return Architecture.MONOLITH;
    }
}
