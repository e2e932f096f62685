package dev.shoplab.monolith.lab;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.architecture.RunningServices;
import dev.shoplab.lab.architecture.ServiceProcesses;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.process.QuarkusApp;
import java.util.List;
import java.util.Map;

/**
 * The modular monolith (module monolith/app): one process, one database {@code monolith} with a
 * schema per bounded context, no Kafka. Its edge is also where the catalogue is seeded.
 */
public final class Monolith implements Architecture {

    /** Where the build puts the monolith's runnable jar, relative to the checkout. */
    public static final String JAR = "monolith/app/target/quarkus-app/quarkus-run.jar";
    /** Its one database. */
    public static final String DATABASE = "monolith";
    /** The role of its one process, in logs, pid files and reports. */
    public static final String ROLE = "monolith";

    @Override
    public String name() {
        return "monolith";
    }

    @Override
    public boolean needsKafka() {
        return false;
    }

    @Override
    public List<String> databases() {
        return List.of(DATABASE);
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
        PostgresEndpoint postgres = stack.infrastructure().postgres();
        Map<String, String> config = postgres.quarkusDatasource(DATABASE);
        config.put("shoplab.psp.url", stack.simulators().pspUrl());
        config.put("shoplab.mail.url", stack.simulators().mailUrl());
        ServiceProcesses processes = new ServiceProcesses();
        processes.start(ROLE, () -> QuarkusApp.start(run, ROLE, JAR, edgePort, "256m", config));
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
