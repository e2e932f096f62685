package dev.shoplab.distributed.lab;

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
import dev.shoplab.lab.process.ClassDataSharing;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.QuarkusApp;
import dev.shoplab.lab.process.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The distributed monolith (modules under distributed-monolith/): four services with a database each,
 * calling each other with blocking HTTP through the local mesh (infra/mesh), which applies the Istio
 * policies of infra/k8s/istio. The mesh has one listener per destination host — the three services and
 * the two providers (egress) — and every service's outbound base URLs point at those listeners.
 * order-service is the edge; inventory-service owns the catalogue and is where it is seeded (directly,
 * not through the mesh: the lab is not a service of the shop).
 */
public final class DistributedMonolith implements Architecture {

    /** The name on the command line, in reports, and as the {@code service.namespace} of its spans. */
    private static final String NAME = "distributed-monolith";

    /** The four services (each role is also its mesh host name), the edge first. */
    private static final ServiceSpec ORDER = new ServiceSpec("order-service", "distributed-monolith/order-service",
            "160m", "dm_order");
    private static final ServiceSpec INVENTORY = new ServiceSpec("inventory-service",
            "distributed-monolith/inventory-service", "160m", "dm_inventory");
    private static final ServiceSpec PAYMENT = new ServiceSpec("payment-service", "distributed-monolith/payment-service",
            "160m", "dm_payment");
    private static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service",
            "distributed-monolith/notification-service", "128m", "dm_notification");
    private static final List<ServiceSpec> SERVICES = List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION);
    /** The services order-service calls. */
    private static final List<ServiceSpec> CALLEES = List.of(INVENTORY, PAYMENT, NOTIFICATION);

    /** The role of the mesh process, in logs, pid files, reports and {@link RunningArchitecture#metricsUrls()}. */
    public static final String MESH = "mesh";
    /** The mesh's runnable jar, relative to the checkout. */
    public static final String MESH_JAR = "infra/mesh/target/shoplab-mesh.jar";
    /** The Istio VirtualService / DestinationRule files the mesh applies, relative to the checkout. */
    public static final String MESH_POLICIES = "infra/k8s/istio";
    /** Mesh host names of the external providers (egress through the mesh, as with an Istio ServiceEntry). */
    public static final String PSP_HOST = Wiring.PSP;
    public static final String MAIL_HOST = Wiring.MAIL;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsKafka() {
        return false;
    }

    @Override
    public List<ServiceSpec> services() {
        return SERVICES;
    }

    /**
     * Its database, and what it calls, each through the mesh (the wiring's URL of a host is the mesh's listener
     * for it here, the host's Service behind an Istio sidecar on a cluster): order-service calls the other three
     * services, payment-service the PSP, notification-service the mail provider.
     */
    @Override
    public Map<String, String> settings(ServiceSpec service, Wiring wiring) {
        Map<String, String> config = wiring.datasource(service(service.role()).database());
        if (service.equals(ORDER)) {
            for (ServiceSpec callee : CALLEES) {
                config.put("quarkus.rest-client." + callee.role() + ".url", wiring.url(callee.role()));
            }
        } else if (service.equals(PAYMENT)) {
            config.put("shoplab.psp.url", wiring.url(PSP_HOST));
        } else if (service.equals(NOTIFICATION)) {
            config.put("shoplab.mail.url", wiring.url(MAIL_HOST));
        }
        return config;
    }

    @Override
    public Optional<String> meshPolicies() {
        return Optional.of(MESH_POLICIES);
    }

    @Override
    public int reportOrder() {
        return 20;
    }

    /** The queries in this module's {@code shoplab/audit/distributed-monolith/*.sql}, beside the descriptor that runs them. */
    @Override
    public AuditQueries auditQueries() {
        return AuditQueries.fromResources(getClass(), "shoplab/audit/distributed-monolith", ORDER.database(), INVENTORY.database());
    }

    @Override
    public RunningArchitecture start(LabRun run, InfraStack stack, int edgePort) {
        databases().forEach(stack.infrastructure().postgres()::createDatabase);

        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICES.forEach(s -> ports.put(s.role(), s == ORDER ? edgePort : FreePorts.pick()));
        // the mesh: one listener per destination host, and its admin port
        Map<String, String> upstreams = new LinkedHashMap<>();
        for (ServiceSpec s : CALLEES) {
            upstreams.put(s.role(), "127.0.0.1:" + ports.get(s.role()));
        }
        upstreams.put(PSP_HOST, hostAndPort(stack.simulators().pspUrl()));
        upstreams.put(MAIL_HOST, hostAndPort(stack.simulators().mailUrl()));
        Map<String, Integer> listeners = new LinkedHashMap<>();
        upstreams.keySet().forEach(host -> listeners.put(host, FreePorts.pick()));
        int meshAdmin = FreePorts.pick();

        Map<String, String> throughMesh = new LinkedHashMap<>();
        listeners.keySet().forEach(host -> throughMesh.put(host, meshUrl(listeners, host)));
        Wiring wiring = Wiring.local(stack, throughMesh);

        Map<String, Supplier<ManagedProcess>> recipes = new LinkedHashMap<>();
        recipes.put(MESH, () -> startMesh(run, upstreams, listeners, meshAdmin));
        for (ServiceSpec service : SERVICES) {
            Map<String, String> config = settings(service, wiring);
            int port = ports.get(service.role());
            recipes.put(service.role(), () -> QuarkusApp.start(run, service.role(),
                    NAME + "-" + service.role(), service.jar(), port, service.heap(), config));
        }
        ServiceProcesses processes = new ServiceProcesses();
        processes.startInParallel(recipes);
        return new Running(processes, ports, listeners, meshAdmin);
    }

    /** Starts the mesh jar with a route per destination host; returns once its admin port answers ready. */
    private static ManagedProcess startMesh(LabRun run, Map<String, String> upstreams, Map<String, Integer> listeners,
                                            int adminPort) {
        Path jar = run.home().artifact(MESH_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The mesh is not built (" + jar + " is missing): run "
                    + "./mvnw package -DskipTests -pl infra/mesh, or just ./shoplab, which builds what is missing.");
        }
        List<String> command = ServiceJvm.command("64m");
        ClassDataSharing.Flags sharing = ClassDataSharing.flags(run.home(), MESH, jar);
        command.addAll(sharing.flags());
        command.addAll(List.of("-jar", jar.toString(),
                "--policies", run.home().artifact(MESH_POLICIES).toString(),
                "--admin-port", Integer.toString(adminPort)));
        upstreams.forEach((host, upstream) -> command.addAll(List.of("--route",
                host + "=" + listeners.get(host) + "=" + upstream)));
        // with tracing on, the mesh's requests and tries are spans of this architecture (docs/adr/0014-…)
        run.traces().ifPresent(traces -> command.addAll(List.of("--otlp-endpoint", traces.url(),
                "--service-namespace", NAME)));
        ManagedProcess mesh = ManagedProcess.start(MESH, command, run.controlToken().environment(), run.dir().resolve(MESH + ".log"),
                run.ledger(), "TERM", sharing.grace(Duration.ofSeconds(10)));
        try {
            mesh.awaitReady(Duration.ofSeconds(60), () -> answers200("http://127.0.0.1:" + adminPort + "/ready"),
                    "GET /ready on the admin port answers 200");
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    private static String meshUrl(Map<String, Integer> listeners, String host) {
        return "http://127.0.0.1:" + listeners.get(host);
    }

    private static String hostAndPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static boolean answers200(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The four running services and the mesh between them. */
    private static final class Running extends RunningServices {

        private final Map<String, Integer> ports;
        private final Map<String, Integer> listeners;
        private final int meshAdmin;

        Running(ServiceProcesses processes, Map<String, Integer> ports, Map<String, Integer> listeners, int meshAdmin) {
            super(processes);
            this.ports = Map.copyOf(ports);
            this.listeners = Map.copyOf(listeners);
            this.meshAdmin = meshAdmin;
        }

        @Override
        public String serviceUrl(String role) {
            Integer port = ports.get(role);
            if (port == null) {
                throw new IllegalArgumentException("No service '" + role + "'; services: " + ports.keySet());
            }
            return "http://127.0.0.1:" + port;
        }

        /** The mesh's listener for a destination host ({@code payment-service}, {@code psp-simulator} …). */
        public String meshUrl(String host) {
            if (!listeners.containsKey(host)) {
                throw new IllegalArgumentException("No mesh destination '" + host + "'; destinations: "
                        + listeners.keySet());
            }
            return DistributedMonolith.meshUrl(listeners, host);
        }

        /** The mesh's admin API: {@code /metrics}, {@code /ready}, {@code /admin/policies} (overrides at run time). */
        @Override
        public Optional<String> meshAdminUrl() {
            return Optional.of("http://127.0.0.1:" + meshAdmin);
        }

        @Override
        public String edgeUrl() {
            return serviceUrl(ORDER.role());
        }

        @Override
        public String catalogueAdminUrl() {
            return serviceUrl(INVENTORY.role());
        }

        @Override
        public Map<String, String> metricsUrls() {
            Map<String, String> urls = new LinkedHashMap<>();
            SERVICES.forEach(s -> urls.put(s.role(), serviceUrl(s.role()) + "/q/metrics"));
            urls.put(MESH, meshAdminUrl().orElseThrow() + "/metrics");
            return urls;
        }

        @Override
        public String hostOf(String context) {
            return serviceOf(context);
        }
    }
}
