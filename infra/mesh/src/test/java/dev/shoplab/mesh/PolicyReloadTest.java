package dev.shoplab.mesh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shoplab.mesh.admin.AdminServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Policies change while the mesh runs: file edits, admin PUT / DELETE / reload; bad input is refused. */
class PolicyReloadTest {

    private static final String FOUR_TRIES = MeshHarness.virtualService("""
            retries:
              attempts: 3
              retryOn: 5xx
            """);
    @RegisterExtension
    static final UpstreamServers UPSTREAMS = new UpstreamServers();

    @TempDir
    Path dir;

    /** Sends one request and returns how many tries reached the upstream for it. */
    private static int triesFor(MeshHarness mesh, TestUpstream up) throws Exception {
        int before = up.count();
        mesh.get("/x");
        return up.count() - before;
    }

    @Test
    void editing_the_policy_file_changes_retries_while_the_mesh_runs() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            assertEquals(4, triesFor(mesh, up));

            Files.writeString(dir.resolve("svc.yaml"), "# retries switched off during the incident\n"
                    + MeshHarness.virtualService("""
                    retries:
                      attempts: 0
                    """));

            await().atMost(Duration.ofSeconds(10)).until(() -> triesFor(mesh, up) == 1);
            assertTrue(mesh.mesh().metrics().reloads.value("ok") >= 1);
        }
    }

    @Test
    void an_admin_put_overrides_one_host_and_delete_brings_the_file_policy_back() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            HttpResponse<String> put = mesh.admin("PUT", "/admin/policies/svc", MeshHarness.virtualService("""
                    retries:
                      attempts: 1
                      retryOn: 503
                    """));
            assertEquals(200, put.statusCode(), put.body());
            assertTrue(put.body().contains("\"overridden\" : true"), put.body());
            assertEquals(2, triesFor(mesh, up));

            assertEquals(204, mesh.admin("DELETE", "/admin/policies/svc", null).statusCode());
            assertEquals(4, triesFor(mesh, up));
        }
    }

    @Test
    void a_bad_file_is_refused_with_its_name_and_field_and_the_previous_policy_stays_in_force() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            Files.writeString(dir.resolve("svc.yaml"), MeshHarness.virtualService("""
                    retries:
                      attempts: three
                    """));

            HttpResponse<String> reload = mesh.admin("POST", "/admin/reload", null);

            assertEquals(422, reload.statusCode());
            assertEquals("application/problem+json", reload.headers().firstValue("content-type").orElseThrow());
            assertTrue(reload.body().contains("svc.yaml") && reload.body().contains("spec.http[0].retries.attempts")
                    && reload.body().contains("three"), reload.body());
            assertTrue(reload.body().contains("https://shoplab.dev/problems/mesh/invalid-policy"), reload.body());
            assertEquals(4, triesFor(mesh, up), "the policy in force is unchanged");
        }
    }

    @Test
    void the_admin_api_answers_problems_for_unknown_hosts_bad_uploads_and_wrong_methods() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            HttpResponse<String> unknown = mesh.admin("GET", "/admin/policies/nope", null);
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("unknown-destination"), unknown.body());

            HttpResponse<String> badUpload = mesh.admin("PUT", "/admin/policies/svc", "kind: [unclosed");
            assertEquals(422, badUpload.statusCode());
            assertTrue(badUpload.body().contains("PUT /admin/policies/svc"), badUpload.body());

            HttpResponse<String> otherHost = mesh.admin("PUT", "/admin/policies/svc",
                    MeshHarness.virtualService("timeout: 1s").replace("[svc]", "[other]").replace("host: svc", "host: other"));
            assertEquals(422, otherHost.statusCode());
            assertTrue(otherHost.body().contains("about host svc"), otherHost.body());

            assertEquals(405, mesh.admin("DELETE", "/metrics", null).statusCode());
            assertEquals(200, mesh.admin("GET", "/ready", null).statusCode());
        }
    }

    @Test
    void a_policy_upload_over_a_mebibyte_is_a_413_and_changes_nothing() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            String huge = MeshHarness.virtualService("""
                    retries:
                      attempts: 0
                    """) + "#" + "x".repeat(AdminServer.MAX_POLICY_BYTES) + "\n";

            HttpResponse<String> put = mesh.admin("PUT", "/admin/policies/svc", huge);

            assertEquals(413, put.statusCode(), put.body());
            assertTrue(put.body().contains("/mesh/payload-too-large"), put.body());
            assertEquals(4, triesFor(mesh, up), "the file's policy (four tries) still in force");
        }
    }

    /**
     * A mesh bound to every address of the machine ({@code --bind 0.0.0.0}) serves its proxies to other machines,
     * but its admin API, even with the control token, only to this one (docs/DESIGN.md, ADR 0012).
     */
    @Test
    void the_admin_api_answers_a_caller_from_another_address_403_even_with_the_token() throws Exception {
        String other = NetworkInterface.networkInterfaces().filter(PolicyReloadTest::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress())
                .map(InetAddress::getHostAddress).findFirst().orElse(null);
        assumeTrue(other != null, "this machine has no IPv4 address but loopback to call from");
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, "0.0.0.0", MeshSettings.DEFAULT_MAX_BODY, null,
                     up.address())) {
            String lower = MeshHarness.virtualService("""
                    retries:
                      attempts: 0
                    """);

            HttpResponse<String> refused = mesh.adminAt(other, "PUT", "/admin/policies/svc", lower);

            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("/mesh/forbidden") && refused.body().contains(other), refused.body());
            assertEquals(403, mesh.adminAt(other, "GET", "/admin/policies", null).statusCode());
            assertEquals(200, mesh.adminAt(other, "GET", "/metrics", null).statusCode(), "metrics stay open to scrapers");
            assertEquals(200, mesh.adminAt("127.0.0.1", "PUT", "/admin/policies/svc", lower).statusCode(),
                    "from this machine the same upload is taken");
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    @Test
    void metrics_and_policies_are_readable_on_the_admin_port() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            mesh.get("/x");

            // a request is counted once its answer has been written, which the client may read first
            String answered = "shoplab_mesh_requests_total{destination=\"svc\",route=\"main\",code=\"503\",outcome=\"upstream\"} 1";
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> mesh.admin("GET", "/metrics", null).body().contains(answered));
            String metrics = mesh.admin("GET", "/metrics", null).body();
            assertTrue(metrics.contains("shoplab_mesh_upstream_tries_total{destination=\"svc\",route=\"main\",upstream=\""
                    + up.address() + "\",outcome=\"503\"} 4"), metrics);
            assertTrue(metrics.contains("shoplab_mesh_retries_total{destination=\"svc\",route=\"main\"} 3"), metrics);

            String policies = mesh.admin("GET", "/admin/policies", null).body();
            assertTrue(policies.contains("\"attempts\" : 3") && policies.contains("\"maxTries\" : 4"), policies);
        }
    }

    @Test
    void the_admin_api_answers_401_without_the_control_token_and_changes_nothing() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, FOUR_TRIES, up.address())) {
            String noRetries = MeshHarness.virtualService("retries:\n  attempts: 0");
            for (String authorization : new String[] {null, "", "Bearer wrong", MeshHarness.CONTROL_TOKEN,
                    "Bearer " + MeshHarness.CONTROL_TOKEN + "x"}) {
                for (String[] call : new String[][] {{"GET", "/admin/policies"}, {"PUT", "/admin/policies/svc"},
                        {"DELETE", "/admin/policies/svc"}, {"POST", "/admin/reload"}, {"GET", "/admin/nothing"}}) {
                    HttpResponse<String> refused = mesh.admin(call[0], call[1], call[0].equals("PUT") ? noRetries : null,
                            authorization);
                    assertEquals(401, refused.statusCode(), call[0] + " " + call[1] + " with " + authorization);
                    assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElse(""));
                    assertTrue(refused.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
                    assertTrue(refused.body().contains("https://shoplab.dev/problems/mesh/unauthorized"), refused.body());
                }
            }
            assertEquals(4, triesFor(mesh, up), "the shipped policy is still in force");
            // RFC 9110 §11.1: the authentication scheme is case-insensitive; the token itself is not
            assertEquals(200, mesh.admin("GET", "/admin/policies", null, "bearer " + MeshHarness.CONTROL_TOKEN).statusCode());
            assertEquals(200, mesh.admin("GET", "/admin/policies", null, "BEARER " + MeshHarness.CONTROL_TOKEN).statusCode());
            assertEquals(200, mesh.admin("GET", "/metrics", null, null).statusCode(), "metrics stay open to scrapers");
            assertEquals(200, mesh.admin("GET", "/ready", null, null).statusCode(), "readiness stays open to probes");
        }
    }
}
