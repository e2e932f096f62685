package dev.shoplab.eventdriven.lab;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.architecture.RunningServices;
import dev.shoplab.lab.architecture.ServiceProcesses;
import dev.shoplab.lab.architecture.ServiceSpec;
import dev.shoplab.lab.architecture.Wiring;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.infra.KafkaEndpoint;
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

    private static final String NAME = "event-driven";

    /** The four services, the edge first. */
    private static final ServiceSpec ORDER = new ServiceSpec("order-service", "event-driven/order-service", "192m",
            "ed_order");
    private static final ServiceSpec INVENTORY = new ServiceSpec("inventory-service", "event-driven/inventory-service",
            "160m", "ed_inventory");
    private static final ServiceSpec PAYMENT = new ServiceSpec("payment-service", "event-driven/payment-service",
            "160m", "ed_payment");
    private static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service",
            "event-driven/notification-service", "128m", "ed_notification");
    private static final List<ServiceSpec> SERVICES = List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION);

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
        return NAME;
    }

    @Override
    public boolean needsKafka() {
        return true;
    }

    @Override
    public List<ServiceSpec> services() {
        return SERVICES;
    }

    /** Its database, Kafka and the saga topics' partition count, the two providers; then this instance's overrides. */
    @Override
    public Map<String, String> settings(ServiceSpec service, Wiring wiring) {
        Map<String, String> config = wiring.datasource(service(service.role()).database());
        config.put("kafka.bootstrap.servers", wiring.kafkaBootstrapServers());
        config.put("shoplab.messaging.partitions", Integer.toString(SAGA_PARTITIONS));
        config.put("shoplab.psp.url", wiring.url(Wiring.PSP));
        config.put("shoplab.mail.url", wiring.url(Wiring.MAIL));
        config.putAll(overrides.getOrDefault(service.role(), Map.of()));
        return config;
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
    @Override
    public Map<String, Integer> topics() {
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
        KafkaEndpoint kafka = stack.infrastructure().kafka().orElseThrow(() -> new IllegalStateException(
                "the event-driven architecture needs Kafka: start the infrastructure with Kafka"));
        databases().forEach(stack.infrastructure().postgres()::createDatabase);
        kafka.createTopics(topics());

        Wiring wiring = Wiring.local(stack);
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Supplier<ManagedProcess>> recipes = new LinkedHashMap<>();
        for (ServiceSpec service : SERVICES) {
            int port = service == ORDER ? edgePort : FreePorts.pick();
            ports.put(service.role(), port);
            Map<String, String> config = settings(service, wiring);
            recipes.put(service.role(), () -> QuarkusApp.start(run, service.role(),
                    NAME + "-" + service.role(), service.jar(), port, service.heap(), config));
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

        private String url(ServiceSpec service) {
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
