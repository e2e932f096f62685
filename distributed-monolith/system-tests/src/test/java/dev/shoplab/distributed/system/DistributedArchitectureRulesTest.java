package dev.shoplab.distributed.system;

import dev.shoplab.rules.ArchitectureRules;
import dev.shoplab.rules.Shape.Architecture;

/** ADR 0006's shape, checked on the four services' compiled classes and on the checkout's sources. */
class DistributedArchitectureRulesTest extends ArchitectureRules {

    @Override
    protected Architecture architecture() {
        return Architecture.DISTRIBUTED_MONOLITH;
    }
}
