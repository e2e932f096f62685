package dev.shoplab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomization offline: {@code kustomize build}, or {@code kubectl kustomize} where only kubectl is
 * installed, as a child process with a bound on its time. Neither talks to a cluster; to be sure, the process gets
 * a {@code KUBECONFIG} that names no file, none of the in-cluster variables, and never {@code --server}.
 *
 * <p>Each object comes back with the file it was written in: the overlay is rendered through a wrapper
 * kustomization (in {@code target/}) that asks kustomize for its origin annotations, which are then removed.
 */
final class Kustomize {

    /** The longest a render may take: it is ≈ 0.2 s here. */
    static final Duration BOUND = Duration.ofSeconds(60);
    private static final String ORIGIN = "config.kubernetes.io/origin";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One rendered object and the file, relative to the checkout, that it comes from. */
    record Rendered(String file, JsonNode object) {

        String apiVersion() {
            return object.path("apiVersion").asText();
        }

        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        /** {@code StatefulSet order-service (base/event-driven/order-service.yaml)}, for messages. */
        String describe() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }

    private final Path checkout;
    private final List<String> command;

    private Kustomize(Path checkout, List<String> command) {
        this.checkout = checkout;
        this.command = command;
    }

    /** The renderer on this machine's PATH: kustomize, else kubectl; empty when there is neither. */
    static Optional<Kustomize> onPath(Path checkout) {
        Optional<Path> kustomize = executable("kustomize");
        if (kustomize.isPresent()) {
            return Optional.of(new Kustomize(checkout, List.of(kustomize.get().toString(), "build")));
        }
        return executable("kubectl").map(kubectl -> new Kustomize(checkout, List.of(kubectl.toString(), "kustomize")));
    }

    /** What is missing, for a failure or a skipped test. */
    static String missing() {
        return "Rendering the Kubernetes manifests needs kustomize or kubectl on the PATH (neither is there): install "
                + "one (for example Debian's or Google's kubectl package, or kustomize's release binary); "
                + "'kubectl kustomize' renders offline and never contacts a cluster.";
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Renders {@code kustomization} (a folder relative to the checkout, for example
     * {@code infra/k8s/overlays/monolith}) and returns its objects in output order.
     *
     * @throws IllegalStateException with kustomize's own message when it refuses the kustomization
     */
    List<Rendered> render(String kustomization) {
        Path target = checkout.resolve(kustomization).normalize();
        Path wrapper = checkout.resolve("infra/k8s/target/render").resolve(kustomization.replace('/', '_'));
        try {
            Files.createDirectories(wrapper);
            Files.writeString(wrapper.resolve("kustomization.yaml"), String.join("\n",
                    "# written by the tests: the kustomization under test, with the file of every object",
                    "apiVersion: kustomize.config.k8s.io/v1beta1",
                    "kind: Kustomization",
                    "buildMetadata: [originAnnotations]",
                    "resources:",
                    "  - " + wrapper.relativize(target).toString().replace(File.separatorChar, '/'),
                    ""));
            String yaml = run(wrapper);
            List<Rendered> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
                while (docs.hasNextValue()) {
                    JsonNode doc = docs.nextValue();
                    if (doc != null && doc.isObject()) {
                        objects.add(new Rendered(origin(wrapper, (ObjectNode) doc), doc));
                    }
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render " + kustomization + ": " + e.getMessage(), e);
        }
    }

    private String run(Path dir) throws IOException {
        List<String> call = new ArrayList<>(command);
        call.add(dir.toString());
        ProcessBuilder builder = new ProcessBuilder(call).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        // offline, whatever the machine's set-up: no kubeconfig, no in-cluster credentials, no proxy to a server
        env.put("KUBECONFIG", dir.resolve("no-such-kubeconfig").toString());
        env.keySet().removeIf(name -> name.startsWith("KUBERNETES_"));
        Path err = dir.resolve("stderr.txt");
        Path out = dir.resolve("rendered.yaml");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", call) + " did not finish within " + BOUND.toSeconds()
                        + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", call) + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(err, StandardCharsets.UTF_8).strip());
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The object's file, relative to the checkout, from its origin annotation (then removed from the object). */
    private String origin(Path wrapper, ObjectNode doc) throws IOException {
        JsonNode annotations = doc.path("metadata").path("annotations");
        if (!annotations.has(ORIGIN)) {
            return "(unknown file)";
        }
        JsonNode origin = YAML.readTree(annotations.get(ORIGIN).asText());
        ((ObjectNode) annotations).remove(ORIGIN);
        if (annotations.isEmpty()) {
            ((ObjectNode) doc.get("metadata")).remove("annotations");
        }
        String path = origin.has("path") ? origin.get("path").asText() : origin.path("configuredIn").asText();
        Path file = wrapper.resolve(path).normalize();
        return checkout.relativize(file).toString().replace(File.separatorChar, '/');
    }
}
