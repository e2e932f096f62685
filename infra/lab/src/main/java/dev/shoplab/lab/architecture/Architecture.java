package dev.shoplab.lab.architecture;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import java.util.List;

/**
 * One architecture as the lab starts it: which databases and topics it needs, how its processes are started on
 * top of an {@link InfraStack}, and how the bench's audit reads it. Each architecture implements it in its own
 * {@code lab} module and registers it for {@link Architectures} ({@link java.util.ServiceLoader}); the lab names
 * no table, database or jar of any architecture.
 */
public interface Architecture {

    /** The name used on the command line and in reports: {@code monolith}, {@code distributed-monolith}, {@code event-driven}. */
    String name();

    /** Where reports and {@code --arch} lists show it: lower first (the monolith is 10, then 20, 30). */
    int reportOrder();

    /** Whether it needs a Kafka broker. */
    boolean needsKafka();

    /** The databases it owns, created on the lab's PostgreSQL before it starts. */
    List<String> databases();

    /** How the bench's audit reads its orders and stock. */
    AuditQueries auditQueries();

    /** Starts its processes (the edge on {@code edgePort}), returns once the edge answers ready. */
    RunningArchitecture start(LabRun run, InfraStack stack, int edgePort);
}
