package dev.shoplab.lab.architecture;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import java.util.List;
import java.util.Map;

/**
 * An architecture registered only on this module's test class path, as an architecture's {@code lab} module
 * registers its own: proves that the lab finds architectures through {@code ServiceLoader}, and lets the command
 * line be tested without any real architecture. It cannot start.
 */
public final class TestShop implements Architecture {

    @Override
    public String name() {
        return "test-shop";
    }

    @Override
    public int reportOrder() {
        return 99;
    }

    @Override
    public boolean needsKafka() {
        return false;
    }

    @Override
    public List<ServiceSpec> services() {
        return List.of();
    }

    @Override
    public Map<String, String> settings(ServiceSpec service, Wiring wiring) {
        throw new IllegalArgumentException("the test shop has no service");
    }

    @Override
    public AuditQueries auditQueries() {
        throw new UnsupportedOperationException("the test shop has no database");
    }

    @Override
    public RunningArchitecture start(LabRun run, InfraStack stack, int edgePort) {
        throw new UnsupportedOperationException("the test shop cannot start");
    }
}
