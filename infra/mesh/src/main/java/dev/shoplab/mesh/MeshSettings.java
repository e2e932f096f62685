package dev.shoplab.mesh;

import dev.shoplab.mesh.policy.IstioDuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the mesh starts: the policy directory, the destinations, the admin port, the file-watch period.
 *
 * @param policyDirectory directory of Istio VirtualService / DestinationRule YAML files (null = defaults only)
 * @param destinations    one outbound listener per destination host
 * @param bindHost        address every listener binds to (loopback by default)
 * @param adminPort       admin port (0 = any free port)
 * @param watchInterval   how often the policy directory is checked for changes (zero = no watching)
 * @param maxBodyBytes    largest request body buffered for replay on retry (larger: 413)
 * @param controlToken    the token that {@code /admin} asks for as {@code Authorization: Bearer <token>}; null or blank:
 *                        {@code /admin} answers nobody (metrics and readiness stay open)
 * @param otlpEndpoint    base URL of an OTLP/HTTP receiver ({@code http://127.0.0.1:4318}) the mesh sends its spans
 *                        to; null: tracing off, {@code traceparent} passes through untouched
 *                        (docs/adr/0014-tracing-with-opentelemetry.md)
 * @param serviceNamespace the spans' {@code service.namespace} (the architecture the mesh serves); null: none
 */
public record MeshSettings(Path policyDirectory, List<DestinationConfig> destinations, String bindHost, int adminPort,
                           Duration watchInterval, long maxBodyBytes, String controlToken, String otlpEndpoint,
                           String serviceNamespace) {

    /** The environment variable the lab hands its control token in (docs/adr/0012-control-token.md). */
    public static final String CONTROL_TOKEN_ENVIRONMENT = "SHOPLAB_CONTROL_TOKEN";

    /** Loopback, as every shoplab server binds by default. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Default period of the policy directory watch. */
    public static final Duration DEFAULT_WATCH = Duration.ofSeconds(1);
    /** Default request body limit: 10 MiB. */
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    /** Checks the settings and keeps an immutable copy of the destinations. */
    public MeshSettings {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("no destination: give at least one --route host=listenPort=upstream");
        }
        long distinct = destinations.stream().map(DestinationConfig::host).distinct().count();
        if (distinct != destinations.size()) {
            throw new IllegalArgumentException("a destination host is given twice");
        }
    }

    /** Settings with the defaults for everything but the directory and the destinations. */
    public static MeshSettings of(Path policyDirectory, List<DestinationConfig> destinations) {
        return new MeshSettings(policyDirectory, destinations, DEFAULT_BIND, 0, DEFAULT_WATCH, DEFAULT_MAX_BODY, null,
                null, null);
    }

    /** Parses the command line (see {@link MeshMain#USAGE}); the control token is {@code controlToken} (may be null). */
    public static MeshSettings fromArgs(String[] args, String controlToken) {
        Path dir = null;
        List<DestinationConfig> destinations = new ArrayList<>();
        String bind = DEFAULT_BIND;
        int adminPort = 0;
        Duration watch = DEFAULT_WATCH;
        long maxBody = DEFAULT_MAX_BODY;
        String otlpEndpoint = null;
        String namespace = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--policies" -> dir = Path.of(required(arg, value));
                case "--route" -> destinations.add(DestinationConfig.parse(required(arg, value)));
                case "--routes-file" -> destinations.addAll(readRoutes(Path.of(required(arg, value))));
                case "--bind" -> bind = required(arg, value);
                case "--admin-port" -> adminPort = number(arg, required(arg, value));
                case "--watch-interval" -> watch = IstioDuration.parse(required(arg, value))
                        .orElseThrow(() -> new IllegalArgumentException("--watch-interval: expected a duration such as 1s or 500ms"));
                case "--max-body-bytes" -> maxBody = number(arg, required(arg, value));
                case "--otlp-endpoint" -> otlpEndpoint = httpUrl(arg, required(arg, value));
                case "--service-namespace" -> namespace = required(arg, value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
            i++;
        }
        return new MeshSettings(dir, destinations, bind, adminPort, watch, maxBody, controlToken, otlpEndpoint,
                namespace);
    }

    /** Reads a routes file: one {@code host=listenPort=upstream1,upstream2} a line; blank lines and # comments skipped. */
    public static List<DestinationConfig> readRoutes(Path file) {
        List<DestinationConfig> routes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    routes.add(DestinationConfig.parse(t));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--routes-file " + file + ": cannot read: " + e.getMessage(), e);
        }
        return routes;
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static String httpUrl(String option, String value) {
        if (!value.matches("https?://[^/?#\\s]+/?")) {
            throw new IllegalArgumentException(option + ": expected the base URL of an OTLP/HTTP receiver such as"
                    + " http://127.0.0.1:4318, got '" + value + "'");
        }
        return value;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a number");
        }
    }
}
