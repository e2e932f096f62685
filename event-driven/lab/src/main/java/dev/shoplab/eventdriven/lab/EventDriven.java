package dev.shoplab.eventdriven.lab;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.architecture.RunningServices;
import dev.shoplab.lab.architecture.ServiceProcesses;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.QuarkusApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The event-driven architecture (modules under event-driven/): four services that talk only through Kafka,
 * each with its own database. order-service is the edge; inventory-service owns the catalogue and is where
 * it is seeded. Topics are created here before the services start (each service would also create them).
 */
public final class EventDriven implements Architecture {

    /** The four services: role, runnable jar, database, heap. The edge is the first. */
    private record Service(String role, String database, String heap) {

        String jar() {
            return "event-driven/" + role + "/target/quarkus-app/quarkus-run.jar";
        }
    }

    private static final Service ORDER = new Service("order-service", "ed_order", "192m");
    private static final Service INVENTORY = new Service("inventory-service", "ed_inventory", "160m");
    private static final Service PAYMENT = new Service("payment-service", "ed_payment", "160m");
    private static final Service NOTIFICATION = new Service("notification-service", "ed_notification", "128m");
    private static final List<Service> SERVICES = List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION);

    /** Partitions of each saga topic: the unit of consumer parallelism (each service runs one consumer thread by default, up to four). */
    public static final int SAGA_PARTITIONS = 4;

    private final Map<String, Map<String, String>> overrides;

    /** The architecture with each service's own defaults. */
    public EventDriven() {
        this(Map.of());
    }

    private EventDriven(Map<String, Map<String, String>> overrides) {
        this.overrides = overrides;
    }

    /** The same architecture with one configuration key of one service set (for tests and scenarios). */
    public EventDriven with(String role, String key, String value) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        overrides.forEach((r, config) -> copy.put(r, new LinkedHashMap<>(config)));
        copy.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(key, value);
        return new EventDriven(copy);
    }

    @Override
    public String name() {
        return "event-driven";
    }

    @Override
    public boolean needsKafka() {
        return true;
    }

    @Override
    public List<String> databases() {
        return SERVICES.stream().map(Service::database).toList();
    }

    @Override
    public int reportOrder() {
        return 30;
    }

    /** The queries in this module's {@code shoplab/audit/event-driven/*.sql}, beside the descriptor that runs them. */
    @Override
    public AuditQueries auditQueries() {
        return AuditQueries.fromResources(getClass(), "shoplab/audit/event-driven", ORDER.database(), INVENTORY.database());
    }

    /** Every topic with its partition count: the saga topics, the catalogue topic, a dead-letter topic each. */
    public static Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String saga : List.of("orders.v1", "inventory.v1", "payments.v1", "notifications.v1")) {
            topics.put(saga, SAGA_PARTITIONS);
        }
        topics.put("catalogue.v1", 1);
        for (String topic : List.copyOf(topics.keySet())) {
            topics.put(topic + ".dlt", 1);
        }
        return topics;
    }

    @Override
    public RunningArchitecture start(LabRun run, InfraStack stack, int edgePort) {
        PostgresEndpoint postgres = stack.infrastructure().postgres();
        KafkaEndpoint kafka = stack.infrastructure().kafka().orElseThrow(() -> new IllegalStateException(
                "the event-driven architecture needs Kafka: start the infrastructure with Kafka"));
        databases().forEach(postgres::createDatabase);
        kafka.createTopics(topics());

        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Supplier<ManagedProcess>> recipes = new LinkedHashMap<>();
        for (Service service : SERVICES) {
            int port = service == ORDER ? edgePort : FreePorts.pick();
            ports.put(service.role(), port);
            Map<String, String> config = postgres.quarkusDatasource(service.database());
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            config.put("shoplab.messaging.partitions", Integer.toString(SAGA_PARTITIONS));
            config.put("shoplab.psp.url", stack.simulators().pspUrl());
            config.put("shoplab.mail.url", stack.simulators().mailUrl());
            config.putAll(overrides.getOrDefault(service.role(), Map.of()));
            recipes.put(service.role(), () -> QuarkusApp.start(run, service.role(), service.jar(), port, service.heap(),
                    config));
        }
        ServiceProcesses processes = new ServiceProcesses();
        processes.startInParallel(recipes);
        return new Running(processes, ports);
    }

    /** The four running services. */
    private static final class Running extends RunningServices {

        private final Map<String, Integer> ports;

        Running(ServiceProcesses processes, Map<String, Integer> ports) {
            super(processes);
            this.ports = ports;
        }

        private String url(Service service) {
            return serviceUrl(service.role());
        }

        @Override
        public String serviceUrl(String role) {
            Integer port = ports.get(role);
            if (port == null) {
                throw new IllegalArgumentException("No service '" + role + "'; services: " + ports.keySet());
            }
            return "http://127.0.0.1:" + port;
        }

        @Override
        public String edgeUrl() {
            return url(ORDER);
        }

        @Override
        public String catalogueAdminUrl() {
            return url(INVENTORY);
        }

        @Override
        public Map<String, String> metricsUrls() {
            Map<String, String> urls = new LinkedHashMap<>();
            SERVICES.forEach(s -> urls.put(s.role(), url(s) + "/q/metrics"));
            return urls;
        }

        @Override
        public String hostOf(String context) {
            return serviceOf(context);
        }
    }
}
