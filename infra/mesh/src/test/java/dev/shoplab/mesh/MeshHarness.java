package dev.shoplab.mesh;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Starts the mesh in-process for one destination host {@code svc} with a policy written to a temporary directory. */
final class MeshHarness implements AutoCloseable {

    static final String HOST = "svc";
    /** The control token the harness starts the mesh with. */
    static final String CONTROL_TOKEN = "mesh-test-token";

    private final Mesh mesh;
    private final Path directory;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MeshHarness(Mesh mesh, Path directory) {
        this.mesh = mesh;
        this.directory = directory;
    }

    /** A mesh whose policy directory holds {@code yaml} as {@code svc.yaml}, routing {@code svc} to the upstreams. */
    static MeshHarness start(Path directory, String yaml, Upstream... upstreams) throws IOException {
        return start(directory, yaml, MeshSettings.DEFAULT_MAX_BODY, upstreams);
    }

    /** The same with a given limit on buffered request bodies. */
    static MeshHarness start(Path directory, String yaml, long maxBodyBytes, Upstream... upstreams) throws IOException {
        return start(directory, yaml, maxBodyBytes, null, upstreams);
    }

    /** The same, sending spans to the OTLP/HTTP receiver at {@code otlpEndpoint} (null: tracing off). */
    static MeshHarness start(Path directory, String yaml, long maxBodyBytes, String otlpEndpoint, Upstream... upstreams)
            throws IOException {
        return start(directory, yaml, MeshSettings.DEFAULT_BIND, maxBodyBytes, otlpEndpoint, upstreams);
    }

    /** The same, listening on {@code bindHost} ({@code 0.0.0.0}: every address of the machine). */
    static MeshHarness start(Path directory, String yaml, String bindHost, long maxBodyBytes, String otlpEndpoint,
                             Upstream... upstreams) throws IOException {
        Files.writeString(directory.resolve("svc.yaml"), yaml);
        MeshSettings settings = new MeshSettings(directory,
                List.of(new DestinationConfig(HOST, 0, Arrays.asList(upstreams))), bindHost, 0,
                Duration.ofMillis(100), maxBodyBytes, CONTROL_TOKEN, otlpEndpoint, "test");
        return new MeshHarness(Mesh.start(settings), directory);
    }

    Mesh mesh() {
        return mesh;
    }

    Path directory() {
        return directory;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(mesh.url(HOST) + path)).timeout(Duration.ofSeconds(15));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A call to the admin port with the control token. */
    HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return admin(method, path, body, "Bearer " + CONTROL_TOKEN);
    }

    /** A call to the admin port with this {@code Authorization} (none when null). */
    HttpResponse<String> admin(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        return admin(URI.create(mesh.adminUrl() + path), method, body, authorization);
    }

    /** A call with the control token to the admin port at {@code host} (an IPv4 address of this machine it binds). */
    HttpResponse<String> adminAt(String host, String method, String path, String body)
            throws IOException, InterruptedException {
        URI admin = URI.create(mesh.adminUrl());
        return admin(URI.create("http://" + host + ":" + admin.getPort() + path), method, body, "Bearer " + CONTROL_TOKEN);
    }

    private HttpResponse<String> admin(URI uri, String method, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15)).method(method, publisher);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        mesh.close();
    }

    /** A VirtualService for {@code svc} with one route whose body (retries, timeout, fault...) is given, indented. */
    static String virtualService(String routeFields) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: svc
                spec:
                  hosts: [svc]
                  http:
                    - name: main
                      route:
                        - destination:
                            host: svc
                """ + indent(routeFields, 6);
    }

    /** A DestinationRule for {@code svc} with the given trafficPolicy body. */
    static String destinationRule(String trafficPolicy) {
        return """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: svc
                spec:
                  host: svc
                  trafficPolicy:
                """ + indent(trafficPolicy, 4);
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder sb = new StringBuilder();
        for (String line : text.stripIndent().split("\n")) {
            if (!line.isBlank()) {
                sb.append(pad).append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
