package dev.shoplab.loadtests.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The crash fault on Kubernetes (fabric8's client, the kubeconfig's current context): a service's pods deleted at
 * once, as {@code kill -9} would end its process, and then the wait until its workload — which starts new pods by
 * itself, at once, where the lab waits for the scenario's end — is ready again. Pods are found by the label the
 * manifests give them ({@value #ROLE_LABEL} = the service's role, infra/k8s). This is not run on the lab machines
 * (no cluster); its calls are checked against fabric8's mock API server.
 */
final class KubernetesPods implements AutoCloseable {

    /** The label whose value is a pod's service role in infra/k8s's manifests. */
    static final String ROLE_LABEL = "app.kubernetes.io/name";

    private final KubernetesClient client;
    private final String namespace;

    KubernetesPods(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** A client of the kubeconfig's current context (or the pod's service account, in a cluster), for {@code namespace}. */
    static KubernetesPods connect(String namespace) {
        return new KubernetesPods(new KubernetesClientBuilder().build(), namespace);
    }

    /**
     * Deletes every pod of {@code role} with no grace period: the container is killed as a crash would kill it.
     *
     * @throws IllegalStateException when the namespace has no pod of that role, or the API refuses
     */
    void kill(String role) {
        try {
            var pods = client.pods().inNamespace(namespace).withLabel(ROLE_LABEL, role);
            if (pods.list().getItems().isEmpty()) {
                throw new IllegalStateException("No pod labelled " + ROLE_LABEL + "=" + role + " in namespace "
                        + namespace + ": is the architecture deployed there (infra/k8s)?");
            }
            pods.withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("The Kubernetes API refused to delete the pods of " + role + " in "
                    + namespace + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the Deployment or StatefulSet {@code role} has all its replicas ready, within {@code bound}. */
    void awaitReady(String role, Duration bound) {
        try {
            Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(role).get();
            if (deployment != null) {
                client.apps().deployments().inNamespace(namespace).withName(role)
                        .waitUntilReady(bound.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            StatefulSet statefulSet = client.apps().statefulSets().inNamespace(namespace).withName(role).get();
            if (statefulSet == null) {
                throw new IllegalStateException("No Deployment or StatefulSet " + role + " in namespace " + namespace);
            }
            client.apps().statefulSets().inNamespace(namespace).withName(role)
                    .waitUntilReady(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException(role + " in " + namespace + " was not ready again within "
                    + bound.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
