package dev.shoplab.lab.architecture;

import dev.shoplab.lab.InfraStack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a service finds what it talks to: its database, the other services and the providers, Kafka. The
 * lab's wiring answers with ports on this machine ({@link #local}); a cluster's answers with Service names
 * (the tests of {@code infra/k8s}). An architecture states its services' settings once, in
 * {@link Architecture#settings}, for both.
 */
public interface Wiring {

    /** The host name of the PSP simulator: a mesh destination, and its Kubernetes Service. */
    String PSP = "psp-simulator";
    /** The host name of the mail simulator: a mesh destination, and its Kubernetes Service. */
    String MAIL = "mail-simulator";

    /**
     * The Quarkus datasource settings of a service that owns {@code database}: {@code quarkus.datasource.jdbc.url},
     * {@code .username} and, when the wiring carries it, {@code .password}; a map the caller may add to.
     */
    Map<String, String> datasource(String database);

    /**
     * The base URL at which a service calls {@code host} — another service of its architecture
     * ({@code inventory-service}) or a provider ({@link #PSP}, {@link #MAIL}) — without a trailing slash.
     *
     * @throws IllegalArgumentException for a host this wiring does not know
     */
    String url(String host);

    /**
     * Kafka's bootstrap servers.
     *
     * @throws IllegalStateException when this wiring has no Kafka
     */
    String kafkaBootstrapServers();

    /** The lab's stack on this machine: its PostgreSQL, its Kafka (if any), the simulators for the providers. */
    static Wiring local(InfraStack stack) {
        return local(stack, Map.of(PSP, stack.simulators().pspUrl(), MAIL, stack.simulators().mailUrl()));
    }

    /** The lab's stack, each host reached at the URL {@code urls} gives (a mesh's listeners, for example). */
    static Wiring local(InfraStack stack, Map<String, String> urls) {
        Map<String, String> known = new LinkedHashMap<>(urls);
        return new Wiring() {
            @Override
            public Map<String, String> datasource(String database) {
                return stack.infrastructure().postgres().quarkusDatasource(database);
            }

            @Override
            public String url(String host) {
                String url = known.get(host);
                if (url == null) {
                    throw new IllegalArgumentException("No URL for host '" + host + "'; hosts: " + known.keySet());
                }
                return url;
            }

            @Override
            public String kafkaBootstrapServers() {
                return stack.infrastructure().kafka().orElseThrow(() -> new IllegalStateException(
                        "this lab run has no Kafka: start the infrastructure with Kafka")).bootstrapServers();
            }
        };
    }
}
