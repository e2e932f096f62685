package dev.shoplab.lab;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the processes of a run send their traces: an OTLP/HTTP endpoint (protobuf), given as its base URL
 * ({@code http://127.0.0.1:4318}; exporters add {@code /v1/traces}). Tracing is off unless a command gives one
 * ({@link LabRun#sendTracesTo}): then every Quarkus service runs with the OpenTelemetry SDK disabled
 * ({@code quarkus.otel.sdk.disabled=true} in its {@code application.properties}) and the mesh with a no-op
 * OpenTelemetry, so nothing is recorded or sent (docs/adr/0014-tracing-with-opentelemetry.md).
 *
 * @param url {@code http://} or {@code https://}, a host, a port, no path, query or fragment
 */
public record TracesEndpoint(String url) {

    /** The Quarkus property that switches its OpenTelemetry SDK on (a run-time setting). */
    public static final String QUARKUS_SDK_DISABLED = "quarkus.otel.sdk.disabled";

    public TracesEndpoint {
        url = validated(url);
    }

    /**
     * The endpoint {@code url} names.
     *
     * @throws IllegalArgumentException naming what is wrong, when {@code url} is not {@code http(s)://host:port}
     */
    public static TracesEndpoint of(String url) {
        return new TracesEndpoint(url);
    }

    /**
     * The run-time Quarkus settings that switch a service's tracing on and send it here: the SDK enabled, the OTLP
     * traces exporter pointed at {@link #url()} over {@code http/protobuf} (Quarkus adds {@code /v1/traces}), a batch
     * exported every second.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(QUARKUS_SDK_DISABLED, "false");
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", url);
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        // a batch a second (Quarkus: 5 s): the demo shows an order's trace moments after it ended
        config.put("quarkus.otel.bsp.schedule.delay", "1s");
        return config;
    }

    @Override
    public String toString() {
        return url + " (OTLP/HTTP)";
    }

    private static String validated(String url) {
        String hint = ": give the base URL of an OTLP/HTTP receiver, for example http://127.0.0.1:4318"
                + " (a collector's or Jaeger's OTLP/HTTP port)";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no traces endpoint" + hint);
        }
        String trimmed = url.trim().replaceAll("/+$", "");
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL" + hint);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL" + hint, e);
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("'" + url + "' names no host and port" + hint);
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + url + "' has a path, query or fragment; the exporters add"
                    + " /v1/traces themselves" + hint);
        }
        return trimmed;
    }
}
