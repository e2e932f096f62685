package dev.shoplab.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.mesh.policy.HostPolicy;
import dev.shoplab.mesh.policy.PolicyException;
import dev.shoplab.mesh.policy.PolicyStore;
import dev.shoplab.mesh.policy.RetryOn;
import dev.shoplab.mesh.policy.RetryPolicy;
import dev.shoplab.mesh.policy.RoutePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading Istio YAML: the shipped defaults, Istio's own defaults, and errors that name the file and the field. */
class PolicyParsingTest {

    @TempDir
    Path dir;

    private static Path shippedPolicies() {
        return Path.of(System.getProperty("shoplab.home", "../..")).resolve("infra/k8s/istio");
    }

    private PolicyStore load(String fileName, String yaml) throws Exception {
        Files.writeString(dir.resolve(fileName), yaml);
        PolicyStore store = new PolicyStore(dir);
        store.reload();
        return store;
    }

    private PolicyException refused(String fileName, String yaml) throws Exception {
        Files.writeString(dir.resolve(fileName), yaml);
        return assertThrows(PolicyException.class, () -> new PolicyStore(dir).reload());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory-service", "payment-service", "notification-service", "psp-simulator", "mail-simulator"})
    void the_shipped_policy_of_every_hop_is_the_seed_articles(String host) {
        PolicyStore store = new PolicyStore(shippedPolicies());
        store.reload();
        HostPolicy policy = store.policy(host);

        RoutePolicy route = policy.route("POST", "/anything", h -> null).orElseThrow();
        assertEquals(3, route.retries().attempts());
        assertEquals(Duration.ofSeconds(5), route.retries().perTryTimeout());
        assertEquals(Set.of(RetryOn.FIVE_XX, RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE, RetryOn.RESET),
                route.retries().retryOn());
        assertNull(route.timeout(), "no route timeout, as Istio's default");
        assertEquals(100, policy.traffic().connectionPool().maxConnections());
        assertEquals(50, policy.traffic().connectionPool().maxPendingRequests());
        assertEquals(3, policy.traffic().outlier().consecutive5xxErrors());
        assertEquals(Duration.ofSeconds(30), policy.traffic().outlier().interval());
        assertEquals(Duration.ofSeconds(30), policy.traffic().outlier().baseEjectionTime());
        assertEquals(100, policy.traffic().outlier().maxEjectionPercent());
        assertTrue(policy.warnings().isEmpty(), policy.warnings().toString());
    }

    @Test
    void a_field_with_a_wrong_value_is_refused_naming_the_file_the_document_and_the_field() throws Exception {
        PolicyException e = refused("payment.yaml", MeshHarness.virtualService("""
                retries:
                  attempts: three
                """));
        assertTrue(e.getMessage().startsWith("payment.yaml (document 1, VirtualService svc): spec.http[0].retries.attempts:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"three\""), e.getMessage());
    }

    @Test
    void broken_yaml_is_refused_naming_the_file_and_the_line() throws Exception {
        PolicyException e = refused("broken.yaml", "apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec: [unclosed\n");
        assertTrue(e.getMessage().startsWith("broken.yaml: not valid YAML at line"), e.getMessage());
    }

    @Test
    void unknown_fields_and_retry_conditions_are_refused_like_istio_validation_does() throws Exception {
        PolicyException field = refused("a.yaml", MeshHarness.virtualService("""
                retries:
                  attempts: 2
                  retryon: 5xx
                """));
        assertTrue(field.getMessage().contains("spec.http[0].retries.retryon: unknown field"), field.getMessage());

        PolicyException condition = refused("a.yaml", MeshHarness.virtualService("""
                retries:
                  attempts: 2
                  retryOn: 5xx,timeout
                """));
        assertTrue(condition.getMessage().contains("spec.http[0].retries.retryOn: unknown retry condition 'timeout'"),
                condition.getMessage());
    }

    @Test
    void numbers_in_retry_on_replace_the_default_503_and_enable_retriable_status_codes() throws Exception {
        RetryPolicy retries = load("a.yaml", MeshHarness.virtualService("""
                retries:
                  attempts: 2
                  retryOn: connect-failure,429
                """)).policy("svc").route("GET", "/", h -> null).orElseThrow().retries();
        assertEquals(Set.of(429), retries.retriableStatusCodes());
        assertTrue(retries.retryOn().contains(RetryOn.RETRIABLE_STATUS_CODES));
        assertTrue(retries.retriesStatus(429, Set.of()));
        assertTrue(!retries.retriesStatus(503, Set.of()));
    }

    @Test
    void a_route_without_retries_gets_istios_default_and_attempts_zero_switches_retries_off() throws Exception {
        PolicyStore store = load("a.yaml", MeshHarness.virtualService("timeout: 2s"));
        assertEquals(RetryPolicy.ISTIO_DEFAULT, store.policy("svc").route("GET", "/", h -> null).orElseThrow().retries());

        PolicyStore off = load("a.yaml", MeshHarness.virtualService("""
                retries:
                  attempts: 0
                  retryOn: 5xx
                """));
        assertEquals(0, off.policy("svc").route("GET", "/", h -> null).orElseThrow().retries().attempts());
    }

    @Test
    void a_number_beyond_a_long_is_refused_as_it_was_written_not_wrapped_round() throws Exception {
        PolicyException e = refused("a.yaml", MeshHarness.virtualService("""
                retries:
                  attempts: 99999999999999999999
                """));
        assertTrue(e.getMessage().contains("got 99999999999999999999"), e.getMessage());
    }

    @Test
    void routes_are_matched_in_order_and_an_unmatched_request_has_no_route() throws Exception {
        PolicyStore store = load("a.yaml", """
                apiVersion: networking.istio.io/v1beta1
                kind: VirtualService
                metadata: {name: svc}
                spec:
                  hosts: [svc.shop.svc.cluster.local]
                  http:
                    - name: charges
                      match: [{uri: {prefix: /psp/charges}, method: {exact: POST}}]
                      retries: {attempts: 0}
                    - name: reads
                      match: [{method: {exact: GET}}]
                """);
        HostPolicy p = store.policy("svc");
        assertEquals("charges", p.route("POST", "/psp/charges", h -> null).orElseThrow().name());
        assertEquals("reads", p.route("GET", "/psp/charges", h -> null).orElseThrow().name());
        assertTrue(p.route("DELETE", "/x", h -> null).isEmpty());
    }

    @Test
    void a_virtual_service_bound_only_to_gateways_does_not_apply_to_the_mesh() throws Exception {
        PolicyStore store = load("a.yaml", MeshHarness.virtualService("timeout: 1s")
                .replace("  hosts: [svc]", "  hosts: [svc]\n  gateways: [shop-gateway]"));
        assertNull(store.policy("svc").routes());
    }

    @Test
    void two_virtual_services_for_one_host_are_refused_naming_both() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), MeshHarness.virtualService("timeout: 1s"));
        PolicyException e = refused("b.yaml", MeshHarness.virtualService("timeout: 2s"));
        assertTrue(e.getMessage().contains("b.yaml") && e.getMessage().contains("a.yaml"), e.getMessage());
    }

    @Test
    void fields_the_mesh_does_not_apply_are_listed_as_ignored() throws Exception {
        PolicyStore store = load("a.yaml", MeshHarness.virtualService("timeout: 1s") + MeshHarness.destinationRule("""
                loadBalancer:
                  simple: ROUND_ROBIN
                """));
        assertTrue(store.policy("svc").warnings().stream().anyMatch(w -> w.contains("spec.trafficPolicy.loadBalancer")),
                store.policy("svc").warnings().toString());
    }

    @Test
    void other_kubernetes_objects_in_the_directory_are_skipped() throws Exception {
        PolicyStore store = load("kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [svc.yaml]
                """);
        assertNull(store.policy("svc").routes());
    }
}
