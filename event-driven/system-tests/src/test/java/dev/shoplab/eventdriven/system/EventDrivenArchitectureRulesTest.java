package dev.shoplab.eventdriven.system;

import dev.shoplab.rules.ArchitectureRules;
import dev.shoplab.rules.Shape.Architecture;

/** ADR 0006's shape, checked on the four event-driven services' compiled classes and on the checkout's sources. */
class EventDrivenArchitectureRulesTest extends ArchitectureRules {

    @Override
    protected Architecture architecture() {
        return Architecture.EVENT_DRIVEN;
    }
}
