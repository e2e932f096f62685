package dev.shoplab.lab.architecture;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import java.util.List;

/**
 * One of the three architectures as the lab starts it: which databases and topics it needs, and how
 * its processes are started on top of an {@link InfraStack}. Implementations: one per architecture.
 */
public interface Architecture {

    /** The name used on the command line and in reports: {@code monolith}, {@code distributed-monolith}, {@code event-driven}. */
    String name();

    /** Whether it needs a Kafka broker. */
    boolean needsKafka();

    /** The databases it owns, created on the lab's PostgreSQL before it starts. */
    List<String> databases();

    /** How the bench's audit reads its orders and stock. */
    AuditQueries auditQueries();

    /** Starts its processes (the edge on {@code edgePort}), returns once the edge answers ready. */
    RunningArchitecture start(LabRun run, InfraStack stack, int edgePort);
}
