package dev.shoplab.lab.architecture;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One architecture as the lab starts it: its service processes and their settings, which databases and topics it
 * needs, how its processes are started on top of an {@link InfraStack}, and how the bench's audit reads it. Each
 * architecture implements it in its own {@code lab} module and registers it for {@link Architectures}
 * ({@link java.util.ServiceLoader}); the lab names no table, database or jar of any architecture. The same
 * description is what its Kubernetes manifests ({@code infra/k8s}) are checked against.
 */
public interface Architecture {

    /** The name used on the command line and in reports: {@code monolith}, {@code distributed-monolith}, {@code event-driven}. */
    String name();

    /** Where reports and {@code --arch} lists show it: lower first (the monolith is 10, then 20, 30). */
    int reportOrder();

    /** Whether it needs a Kafka broker. */
    boolean needsKafka();

    /** Its service processes in start order, the edge first (the lab's own helpers, such as a mesh, are not services). */
    List<ServiceSpec> services();

    /**
     * The configuration the lab passes to {@code service} (Quarkus properties: its datasource, the URLs of what it
     * calls, Kafka), with the addresses {@code wiring} gives.
     *
     * @throws IllegalArgumentException for a service not in {@link #services()}
     */
    Map<String, String> settings(ServiceSpec service, Wiring wiring);

    /** The databases it owns, created on the lab's PostgreSQL before it starts: its services', in their order. */
    default List<String> databases() {
        return services().stream().map(ServiceSpec::database).distinct().toList();
    }

    /** Every Kafka topic it needs, with its partition count; empty when it needs no Kafka. */
    default Map<String, Integer> topics() {
        return Map.of();
    }

    /**
     * The folder, relative to the checkout, of the Istio {@code VirtualService}/{@code DestinationRule} files its
     * calls between services go through (the local mesh reads them; a cluster's Istio applies them); empty when
     * its calls go through no mesh.
     */
    default Optional<String> meshPolicies() {
        return Optional.empty();
    }

    /** The role of the service that hosts a bounded context ({@code inventory} → {@code inventory-service}, or the monolith's one role). */
    default String hostOf(String context) {
        List<ServiceSpec> services = services();
        return services.size() == 1 ? services.get(0).role() : RunningServices.serviceOf(context);
    }

    /** How the bench's audit reads its orders and stock. */
    AuditQueries auditQueries();

    /** Starts its processes (the edge on {@code edgePort}), returns once the edge answers ready. */
    RunningArchitecture start(LabRun run, InfraStack stack, int edgePort);

    /** The service of that role. @throws IllegalArgumentException naming the roles there are */
    default ServiceSpec service(String role) {
        return services().stream().filter(s -> s.role().equals(role)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No service '" + role + "' in the " + name() + "; services: "
                        + services().stream().map(ServiceSpec::role).toList()));
    }
}
