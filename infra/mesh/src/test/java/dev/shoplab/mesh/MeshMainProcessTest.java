package dev.shoplab.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The start-up contract the lab relies on: arguments, the ready line, exit status 2 for a bad policy file. */
class MeshMainProcessTest {

    private static final Pattern READY = Pattern.compile(
            "shoplab mesh ready: inventory-service=(http://127\\.0\\.0\\.1:\\d+) admin=(http://127\\.0\\.0\\.1:\\d+)");

    @RegisterExtension
    static final UpstreamServers UPSTREAMS = new UpstreamServers();

    @TempDir
    Path dir;

    private static Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), MeshMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static BlockingQueue<String> lines(InputStream stream) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void the_command_line_mesh_prints_its_ready_line_and_forwards_through_the_listed_port() throws Exception {
        Path shipped = Path.of(System.getProperty("shoplab.home", "../..")).resolve("infra/k8s/istio");
        Process mesh = null;
        try (TestUpstream inventory = UPSTREAMS.start(TestUpstream.answering(200, "{\"sku\":\"SKU-0001\"}"))) {
            mesh = launch("--policies", shipped.toString(), "--route", "inventory-service=0=" + inventory.address());
            BlockingQueue<String> out = lines(mesh.getInputStream());
            String ready = out.poll(30, TimeUnit.SECONDS);
            Matcher m = READY.matcher(String.valueOf(ready));
            assertTrue(m.matches(), "ready line: " + ready);

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> proxied = client.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/inventory/SKU-0001"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, proxied.statusCode());
            assertEquals("{\"sku\":\"SKU-0001\"}", proxied.body());
            assertEquals("1", inventory.seen().get(0).attempt());

            HttpResponse<String> readiness = client.send(HttpRequest.newBuilder(URI.create(m.group(2) + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, readiness.statusCode());
        } finally {
            if (mesh != null) {
                mesh.destroy();
                assertTrue(mesh.waitFor(15, TimeUnit.SECONDS), "the mesh stops on SIGTERM");
            }
        }
    }

    @Test
    void the_command_line_mesh_exits_with_status_2_naming_the_file_and_field_of_a_bad_policy() throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), MeshHarness.virtualService("""
                retries:
                  attempts: 2
                  perTryTimeout: soon
                """));
        Process mesh = launch("--policies", dir.toString(), "--route", "svc=0=127.0.0.1:9");
        BlockingQueue<String> err = lines(mesh.getErrorStream());
        assertTrue(mesh.waitFor(30, TimeUnit.SECONDS), "exits on its own");
        assertEquals(2, mesh.exitValue());
        String message = err.poll(5, TimeUnit.SECONDS);
        assertTrue(message != null && message.contains("inventory.yaml") && message.contains("spec.http[0].retries.perTryTimeout"),
                "stderr: " + message);
    }
}
