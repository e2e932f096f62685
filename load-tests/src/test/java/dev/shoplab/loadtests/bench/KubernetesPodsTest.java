package dev.shoplab.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The crash fault's calls to the Kubernetes API, against fabric8's in-process mock API server (CRUD mode, on a free
 * loopback port): no cluster can run on the lab machines, so this is as far as they can be checked here.
 */
class KubernetesPodsTest {

    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void pod(String namespace, String name, String role) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels(KubernetesPods.ROLE_LABEL, role).endMetadata().build()).create();
    }

    private List<String> pods(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().stream().map(Pod::getMetadata)
                .map(m -> m.getName()).sorted().toList();
    }

    @Test
    void kills_every_pod_of_the_service_at_once_and_no_other() throws Exception {
        pod("shop", "inventory-service-0", "inventory-service");
        pod("shop", "inventory-service-1", "inventory-service");
        pod("shop", "order-service-0", "order-service");
        pod("elsewhere", "inventory-service-0", "inventory-service");


        new KubernetesPods(client, "shop").kill("inventory-service");

        List<RecordedRequest> calls = new ArrayList<>(); // every request since the server started, in order
        for (int i = server.getRequestCount(); i > 0; i--) {
            calls.add(server.takeRequest(5, TimeUnit.SECONDS));
        }
        assertThat(pods("shop")).containsExactly("order-service-0");
        assertThat(pods("elsewhere")).containsExactly("inventory-service-0");
        assertThat(calls.stream().filter(c -> c.getMethod().equals("DELETE")).toList()).isNotEmpty()
                .allSatisfy(delete -> assertThat(delete.getBody().readUtf8()).as("no grace period: a crash, not a "
                        + "shutdown").contains("\"gracePeriodSeconds\":0"));
    }

    @Test
    void says_which_label_it_looked_for_when_the_service_has_no_pod() {
        assertThatThrownBy(() -> new KubernetesPods(client, "shop").kill("payment-service"))
                .hasMessageContaining("No pod labelled app.kubernetes.io/name=payment-service in namespace shop");
    }

    @Test
    void waits_for_the_deployment_or_the_stateful_set_of_the_service_to_be_ready() {
        client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata()
                .withName("monolith").endMetadata().withNewSpec().withReplicas(1).endSpec().withNewStatus()
                .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).endStatus().build()).create();
        client.apps().statefulSets().inNamespace("shop").resource(new StatefulSetBuilder().withNewMetadata()
                .withName("order-service").endMetadata().withNewSpec().withReplicas(1).endSpec().withNewStatus()
                .withReplicas(1).withReadyReplicas(1).endStatus().build()).create();
        KubernetesPods pods = new KubernetesPods(client, "shop");

        pods.awaitReady("monolith", Duration.ofSeconds(10));
        pods.awaitReady("order-service", Duration.ofSeconds(10));
        assertThatThrownBy(() -> pods.awaitReady("mesh", Duration.ofSeconds(1)))
                .hasMessageContaining("No Deployment or StatefulSet mesh in namespace shop");
    }
}
