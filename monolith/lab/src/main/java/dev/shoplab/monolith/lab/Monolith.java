package dev.shoplab.monolith.lab;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.architecture.RunningServices;
import dev.shoplab.lab.architecture.ServiceProcesses;
import dev.shoplab.lab.architecture.ServiceSpec;
import dev.shoplab.lab.architecture.Wiring;
import dev.shoplab.lab.process.QuarkusApp;
import java.util.List;
import java.util.Map;

/**
 * The modular monolith (module monolith/app): one process, one database {@code monolith} with a
 * schema per bounded context, no Kafka. Its edge is also where the catalogue is seeded.
 */
public final class Monolith implements Architecture {

    /** Its one database. */
    public static final String DATABASE = "monolith";
    /** The role of its one process, in logs, pid files and reports. */
    public static final String ROLE = "monolith";
    /**
     * Its one process: the module monolith/app with a 96 MB heap, three times what it keeps alive under load (32 MB
     * after a full collection, measured 2026-12-05 after 100 orders/s). A heap the serial collector may grow into is
     * RSS it never gives back: at 256 MB the JVM stood at 290 MB RSS in the baseline, at 128 MB at 253–274, at 96 MB
     * at 245–261 (issue 14's goal: 256), with the same knee and CPU per order (ADR 0020; monolith/README.md, "Memory").
     */
    private static final ServiceSpec MONOLITH = new ServiceSpec(ROLE, "monolith/app", "96m", DATABASE);

    @Override
    public String name() {
        return "monolith";
    }

    @Override
    public boolean needsKafka() {
        return false;
    }

    @Override
    public List<ServiceSpec> services() {
        return List.of(MONOLITH);
    }

    /** Its database, and the two providers it calls directly. */
    @Override
    public Map<String, String> settings(ServiceSpec service, Wiring wiring) {
        service(service.role());
        Map<String, String> config = wiring.datasource(DATABASE);
        config.put("shoplab.psp.url", wiring.url(Wiring.PSP));
        config.put("shoplab.mail.url", wiring.url(Wiring.MAIL));
        return config;
    }

    @Override
    public int reportOrder() {
        return 10;
    }

    /** The queries in this module's {@code shoplab/audit/monolith/*.sql}, beside the descriptor that runs them. */
    @Override
    public AuditQueries auditQueries() {
        return AuditQueries.fromResources(getClass(), "shoplab/audit/monolith", DATABASE, DATABASE);
    }

    @Override
    public RunningArchitecture start(LabRun run, InfraStack stack, int edgePort) {
        Map<String, String> config = settings(MONOLITH, Wiring.local(stack));
        ServiceProcesses processes = new ServiceProcesses();
        processes.start(ROLE, () -> QuarkusApp.start(run, ROLE, ROLE, MONOLITH.jar(), edgePort, MONOLITH.heap(), config));
        String edge = "http://127.0.0.1:" + edgePort;
        return new RunningServices(processes) {
            @Override
            public String edgeUrl() {
                return edge;
            }

            @Override
            public String catalogueAdminUrl() {
                return edge;
            }

            @Override
            public String hostOf(String context) {
                return ROLE;
            }
        };
    }
}
