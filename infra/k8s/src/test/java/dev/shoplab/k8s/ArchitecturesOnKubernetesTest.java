package dev.shoplab.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shoplab.k8s.Kustomize.Rendered;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.architecture.ServiceSpec;
import dev.shoplab.lab.architecture.Wiring;
import dev.shoplab.lab.infra.KafkaBroker;
import dev.shoplab.lab.process.QuarkusApp;
import dev.shoplab.lab.process.ServiceJvm;
import dev.shoplab.lab.simulators.ProviderSimulators;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each overlay deploys is what the lab runs: the architectures' own lab descriptors (their services, the
 * settings the lab passes them, their databases, topics and mesh) are the one source both are read from, and this
 * checks the manifests against it — every service has a workload with the lab's JVM and settings, every database a
 * PostgreSQL server and an owner, every topic a {@code KafkaTopic}, and the mesh is Istio with the very policy files
 * the local mesh reads.
 */
class ArchitecturesOnKubernetesTest {

    /** Settings only a pod has: it listens on every interface, on the port its Service and probes use. */
    private static final Map<String, String> POD_ONLY = Map.of("quarkus.http.host", "0.0.0.0", "quarkus.http.port", "8080");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /**
     * Prefixes of the broker settings Strimzi sets itself and refuses in a {@code Kafka}'s {@code config} (listeners,
     * node ids, roles, log directories, security; Strimzi's {@code KafkaClusterSpec} reference).
     */
    private static final List<String> SET_BY_STRIMZI = List.of("listeners", "advertised.", "listener.", "controller",
            "inter.broker.listener.name", "node.id", "process.roles", "log.dir", "broker.", "security.", "sasl.",
            "ssl.", "authorizer.", "super.user", "password.", "host.name", "port");

    static Stream<Architecture> architectures() {
        return Architectures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void every_service_the_lab_starts_is_a_workload_with_the_labs_jvm_probes_resources_and_a_service(Architecture a) {
        List<Rendered> objects = Overlays.render(a);
        // consumers of Kafka keep a static group membership id: a StatefulSet's pod keeps its name across restarts
        String kind = a.needsKafka() ? "StatefulSet" : "Deployment";
        assertThat(a.services()).isNotEmpty();
        for (ServiceSpec service : a.services()) {
            JsonNode workload = one(objects, kind, service.role()).object();
            JsonNode pod = workload.at("/spec/template");
            JsonNode container = only(pod.at("/spec/containers"), service.role());
            String what = a.name() + " " + kind + " " + service.role();

            assertThat(env(container, "JAVA_TOOL_OPTIONS")).as(what).isEqualTo(String.join(" ",
                    ServiceJvm.flags(service.heap())));
            QuarkusApp.ENVIRONMENT.forEach((name, value) -> assertThat(env(container, name)).as(what).isEqualTo(value));
            assertThat(container.at("/env").findValues("name").stream().map(JsonNode::asText))
                    .as(what).contains("SHOPLAB_CONTROL_TOKEN", "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).as(what).isEqualTo("/q/health/started");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(what).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(what).isEqualTo("/q/health/live");
            for (String resource : List.of("cpu", "memory")) {
                assertThat(container.at("/resources/requests/" + resource).asText()).as(what + " requests " + resource)
                        .isNotEmpty();
                assertThat(container.at("/resources/limits/" + resource).asText()).as(what + " limits " + resource)
                        .isNotEmpty();
            }
            assertThat(mebibytes(container.at("/resources/requests/memory").asText())).as(what
                    + ": the memory request holds the heap and the JVM's native memory")
                    .isGreaterThan(mebibytes(service.heap().replace("m", "Mi")) + 64);
            assertThat(servesPod(objects, service.role(), pod)).as(what + " has a Service of its name on port 80 → http")
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void every_service_gets_the_settings_the_lab_passes_with_the_clusters_addresses(Architecture a) {
        List<Rendered> objects = Overlays.render(a);
        Wiring cluster = new ClusterWiring();
        for (ServiceSpec service : a.services()) {
            JsonNode pod = workload(objects, service.role()).at("/spec/template/spec");
            JsonNode container = only(pod.at("/containers"), service.role());
            String volume = stream(container.at("/volumeMounts"))
                    .filter(m -> m.path("mountPath").asText().equals("/deployments/config"))
                    .map(m -> m.path("name").asText()).findFirst().orElseThrow(() -> new AssertionError(service.role()
                            + " mounts no config/application.properties at /deployments/config"));
            String configMap = stream(pod.at("/volumes")).filter(v -> v.path("name").asText().equals(volume))
                    .map(v -> v.at("/configMap/name").asText()).findFirst().orElseThrow();
            Rendered map = one(objects, "ConfigMap", configMap);
            Map<String, String> given = properties(map.object().at("/data/application.properties").asText());

            Map<String, String> expected = new HashMap<>(a.settings(service, cluster));
            expected.putAll(POD_ONLY);
            assertThat(given).as("%s: %s's application.properties (%s) against %s's settings with the cluster's "
                    + "addresses", a.name(), service.role(), map.file(), a.getClass().getSimpleName()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void every_database_has_a_postgresql_server_of_its_own_and_its_owner(Architecture a) {
        List<Rendered> objects = Overlays.render(a);
        List<Rendered> servers = objects.stream().filter(o -> o.kind().equals("StatefulSet")
                && o.object().at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText().equals("postgres"))
                .toList();
        assertThat(servers).as("%s: one PostgreSQL server per database", a.name()).hasSameSizeAs(a.databases());
        for (String database : a.databases()) {
            Rendered server = one(objects, "StatefulSet", ClusterWiring.postgresHost(database));
            JsonNode container = only(server.object().at("/spec/template/spec/containers"), "postgres");
            String settings = container.at("/envFrom/0/configMapRef/name").asText();
            assertThat(one(objects, "ConfigMap", settings).object().at("/data/POSTGRES_DB").asText())
                    .as("%s's server creates it", database).isEqualTo(database);
            assertThat(servesPod(objects, ClusterWiring.postgresHost(database), server.object().at("/spec/template")))
                    .as("%s has a Service named as the owner's datasource URL says", database).isTrue();
            List<String> owners = a.services().stream().filter(s -> s.database().equals(database))
                    .map(ServiceSpec::role).toList();
            assertThat(owners).as("%s has one owner", database).hasSize(1);
            assertThat(server.object().at("/metadata/labels/shoplab.dev~1owner").asText()).isEqualTo(owners.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void the_provider_simulators_run_as_the_lab_runs_them_behind_the_names_the_services_call(Architecture a) {
        List<Rendered> objects = Overlays.render(a);
        JsonNode pod = one(objects, "Deployment", "simulators").object().at("/spec/template");
        JsonNode container = only(pod.at("/spec/containers"), "simulators");

        assertThat(env(container, "JAVA_TOOL_OPTIONS")).isEqualTo(String.join(" ",
                ServiceJvm.flags(ProviderSimulators.HEAP)));
        for (String provider : List.of(Wiring.PSP, Wiring.MAIL)) {
            assertThat(servesPod(objects, provider, pod)).as("a Service %s on port 80", provider).isTrue();
        }
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void every_topic_is_a_kafka_topic_with_the_labs_partitions_on_a_kraft_cluster(Architecture a) {
        List<Rendered> objects = Overlays.render(a);
        Map<String, Integer> topics = new LinkedHashMap<>();
        objects.stream().filter(o -> o.kind().equals("KafkaTopic")).forEach(t -> {
            assertThat(t.object().at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(ClusterWiring.KAFKA_CLUSTER);
            topics.put(t.object().at("/spec/topicName").asText(), t.object().at("/spec/partitions").asInt());
        });

        assertThat(topics).as("%s: its topics, from %s.topics()", a.name(), a.getClass().getSimpleName())
                .isEqualTo(a.topics());
        List<Rendered> clusters = objects.stream().filter(o -> o.kind().equals("Kafka")).toList();
        if (!a.needsKafka()) {
            assertThat(clusters).isEmpty();
            return;
        }
        assertThat(clusters).singleElement().extracting(Rendered::name).isEqualTo(ClusterWiring.KAFKA_CLUSTER);
        List<Rendered> pools = objects.stream().filter(o -> o.kind().equals("KafkaNodePool")).toList();
        assertThat(pools).as("KRaft: the node pool's nodes are the controllers").isNotEmpty().allSatisfy(pool -> {
            assertThat(pool.object().at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(ClusterWiring.KAFKA_CLUSTER);
        });
        assertThat(pools.stream().flatMap(p -> stream(p.object().at("/spec/roles")).map(JsonNode::asText)))
                .contains("controller", "broker");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void the_kafka_cluster_has_every_setting_of_the_labs_broker_that_strimzi_leaves_to_it(Architecture a) {
        List<Rendered> clusters = Overlays.render(a).stream().filter(o -> o.kind().equals("Kafka")).toList();
        if (!a.needsKafka()) {
            assertThat(clusters).isEmpty();
            return;
        }
        Map<String, String> lab = new LinkedHashMap<>(properties(KafkaBroker.serverProperties(Path.of("data"), 9092,
                9093)));
        lab.keySet().removeIf(key -> SET_BY_STRIMZI.stream().anyMatch(key::startsWith));
        Map<String, String> cluster = new LinkedHashMap<>();
        clusters.get(0).object().at("/spec/kafka/config").fields()
                .forEachRemaining(e -> cluster.put(e.getKey(), e.getValue().asText()));

        assertThat(lab).as("the lab broker's settings that are not Strimzi's to set").containsKeys(
                "auto.create.topics.enable", "offsets.topic.replication.factor");
        assertThat(cluster).as("%s: the Kafka's config (%s) against the lab broker's server.properties (KafkaBroker)",
                a.name(), clusters.get(0).file()).containsAllEntriesOf(lab);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void the_mesh_is_istio_applying_the_very_files_the_local_mesh_reads(Architecture a) throws IOException {
        List<Rendered> objects = Overlays.render(a);
        Rendered namespace = objects.stream().filter(o -> o.kind().equals("Namespace")).findFirst().orElseThrow();
        List<Rendered> policies = objects.stream().filter(o -> o.apiVersion().startsWith("networking.istio.io/")).toList();
        Optional<String> folder = a.meshPolicies();
        if (folder.isEmpty()) {
            assertThat(policies).as("%s calls through no mesh", a.name()).isEmpty();
            assertThat(namespace.object().at("/metadata/labels/istio-injection").isMissingNode()).isTrue();
            return;
        }
        assertThat(namespace.object().at("/metadata/labels/istio-injection").asText())
                .as("%s's pods get Istio's sidecar", a.name()).isEqualTo("enabled");
        for (ServiceSpec service : a.services()) {
            JsonNode proxy = YAML.readTree(workload(objects, service.role())
                    .at("/spec/template/metadata/annotations/proxy.istio.io~1config").asText("{}"));
            assertThat(proxy.path("holdApplicationUntilProxyStarts").asBoolean()).as("%s %s starts after its sidecar "
                    + "(Istio without native sidecars), or its Flyway migration at start finds no database", a.name(),
                    service.role()).isTrue();
        }

        Path dir = LabHome.locate().artifact(folder.get());
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.equals("kustomization.yaml")).sorted().toList();
        }
        Map<String, JsonNode> local = new LinkedHashMap<>();
        for (String file : files) {
            try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(dir.resolve(file)))) {
                while (docs.hasNextValue()) {
                    JsonNode doc = docs.nextValue();
                    local.put(folder.get() + "/" + file + " " + doc.path("kind").asText() + " "
                            + doc.at("/metadata/name").asText(), doc.path("spec"));
                }
            }
        }
        Map<String, JsonNode> deployed = new LinkedHashMap<>();
        policies.forEach(p -> deployed.put(p.file() + " " + p.kind() + " " + p.name(), p.object().path("spec")));
        assertThat(deployed).as("the policies %s deploys, by file, against the files of %s the local mesh reads",
                Overlays.of(a), folder.get()).isEqualTo(local);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void the_replicas_of_every_service_are_a_knob_of_the_overlay(Architecture a) throws IOException {
        JsonNode kustomization = YAML.readTree(LabHome.locate().artifact(Overlays.of(a)).resolve("kustomization.yaml")
                .toFile());
        Set<String> knobs = new java.util.TreeSet<>();
        stream(kustomization.path("replicas")).forEach(r -> knobs.add(r.path("name").asText()));

        assertThat(knobs).isEqualTo(new java.util.TreeSet<>(a.services().stream().map(ServiceSpec::role).toList()));
    }

    // ---- reading rendered objects ----

    private static Rendered one(List<Rendered> objects, String kind, String name) {
        List<Rendered> found = objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode workload(List<Rendered> objects, String name) {
        return objects.stream().filter(o -> (o.kind().equals("Deployment") || o.kind().equals("StatefulSet"))
                && o.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no workload " + name))
                .object();
    }

    private static JsonNode only(JsonNode containers, String name) {
        List<JsonNode> found = stream(containers).filter(c -> c.path("name").asText().equals(name)).toList();
        assertThat(found).as("container %s", name).hasSize(1);
        return found.get(0);
    }

    private static String env(JsonNode container, String name) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(name))
                .map(e -> e.path("value").asText()).findFirst().orElse(null);
    }

    /** Whether a Service {@code name} selects the pod template's labels and maps port 80 (or 5432) to a named port of it. */
    private static boolean servesPod(List<Rendered> objects, String name, JsonNode template) {
        Optional<Rendered> service = objects.stream().filter(o -> o.kind().equals("Service") && o.name().equals(name))
                .findFirst();
        if (service.isEmpty()) {
            return false;
        }
        JsonNode labels = template.at("/metadata/labels");
        Predicate<Map.Entry<String, JsonNode>> matches = e -> labels.path(e.getKey()).asText().equals(e.getValue().asText());
        List<Map.Entry<String, JsonNode>> selector = new ArrayList<>();
        service.get().object().at("/spec/selector").fields().forEachRemaining(selector::add);
        Set<String> ports = new java.util.HashSet<>();
        stream(template.at("/spec/containers")).flatMap(c -> stream(c.path("ports")))
                .forEach(p -> ports.add(p.path("name").asText()));
        return !selector.isEmpty() && selector.stream().allMatch(matches)
                && stream(service.get().object().at("/spec/ports")).allMatch(p -> ports.contains(p.path("targetPort").asText()))
                && stream(service.get().object().at("/spec/ports")).anyMatch(p -> p.path("port").asInt() == 80
                || p.path("port").asInt() == 5432);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static Map<String, String> properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return map;
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        throw new AssertionError("memory in Mi or Gi, not " + quantity);
    }
}
