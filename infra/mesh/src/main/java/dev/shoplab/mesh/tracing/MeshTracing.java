package dev.shoplab.mesh.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The mesh's spans (OpenTelemetry SDK, exported over OTLP/HTTP protobuf): one {@code SERVER} span per request it
 * routes, a child of the caller's W3C {@code traceparent}, and one {@code CLIENT} span per try under it, whose context
 * goes upstream as the try's {@code traceparent} — so a retry storm shows as spans. Parent-based sampling: the mesh
 * follows its caller's decision. {@link #OFF} (no endpoint given) touches no header and records nothing: the mesh
 * then forwards {@code traceparent} as it came, like any header.
 */
public final class MeshTracing implements AutoCloseable {

    /** Tracing off: nothing is created, headers pass through untouched. */
    public static final MeshTracing OFF = new MeshTracing(null, null);

    /** The destination host of a request or a try ({@code payment-service}). */
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("shoplab.mesh.destination");
    /** A try's number, 1 for the first. */
    public static final AttributeKey<Long> TRY = AttributeKey.longKey("shoplab.mesh.try");
    /** True for a try after the first. */
    public static final AttributeKey<Boolean> RETRY = AttributeKey.booleanKey("shoplab.mesh.retry");
    /**
     * How a try or a request ended: a try's status code or {@code connect_failure}, {@code reset},
     * {@code per_try_timeout}, {@code route_timeout}, {@code cancelled}, {@code overflow},
     * {@code no_healthy_upstream}; a request's outcome as in {@code shoplab_mesh_requests_total}.
     */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("shoplab.mesh.outcome");
    /** Tries a request took. */
    public static final AttributeKey<Long> TRIES = AttributeKey.longKey("shoplab.mesh.tries");

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    private MeshTracing(SdkTracerProvider provider, Tracer tracer) {
        this.provider = provider;
        this.tracer = tracer;
    }

    /**
     * Tracing on: spans of service {@code mesh} (resource attribute {@code service.namespace} = {@code namespace} if
     * not blank) exported in batches to the OTLP/HTTP receiver at {@code otlpEndpoint} (its base URL, e.g.
     * {@code http://127.0.0.1:4318}; {@code /v1/traces} is added).
     */
    public static MeshTracing exportingTo(String otlpEndpoint, String namespace) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(otlpEndpoint.replaceAll("/+$", "") + "/v1/traces").build();
        Attributes resource = namespace == null || namespace.isBlank()
                ? Attributes.of(AttributeKey.stringKey("service.name"), "mesh")
                : Attributes.of(AttributeKey.stringKey("service.name"), "mesh",
                AttributeKey.stringKey("service.namespace"), namespace);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(resource)))
                .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                // a batch a second: the lab's demo shows an order's trace moments after it ended
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofSeconds(1)).build())
                .build();
        return new MeshTracing(provider, provider.get("dev.shoplab.mesh"));
    }

    /** True when spans are recorded and exported. */
    public boolean on() {
        return tracer != null;
    }

    /** The span of one request routed to {@code destination}, child of the caller's {@code traceparent}; null when off. */
    public Span startRequest(MultiMap headers, String method, String path, String destination) {
        if (!on()) {
            return null;
        }
        Context caller = propagator.extract(Context.root(), headers, HEADERS);
        return tracer.spanBuilder("mesh " + destination).setParent(caller).setSpanKind(SpanKind.SERVER)
                .setAttribute(DESTINATION, destination).setAttribute(METHOD, method).setAttribute(PATH, path)
                .startSpan();
    }

    /** The span of try number {@code number} of {@code request}; null when off. */
    public Span startTry(Span request, String destination, int number) {
        if (request == null) {
            return null;
        }
        return tracer.spanBuilder("try " + number + " " + destination).setParent(Context.root().with(request))
                .setSpanKind(SpanKind.CLIENT).setAttribute(DESTINATION, destination).setAttribute(TRY, (long) number)
                .setAttribute(RETRY, number > 1).startSpan();
    }

    /** Names the endpoint a try goes to, and puts the try's context in the headers it sends upstream. */
    public void sendingTo(Span attempt, String host, int port, MultiMap upstreamHeaders) {
        if (attempt == null) {
            return;
        }
        attempt.setAttribute(SERVER_ADDRESS, host);
        attempt.setAttribute(SERVER_PORT, (long) port);
        propagator.inject(Context.root().with(attempt), upstreamHeaders, MultiMap::set);
    }

    /** Ends a try: its outcome, its status code if it got an answer (0: none); a 5xx or no answer is an error. */
    public void endTry(Span attempt, String outcome, int status) {
        end(attempt, outcome, status);
    }

    /** Ends a request: the mesh's outcome, the status it answered, the tries it took. */
    public void endRequest(Span request, String outcome, int status, int tries) {
        if (request == null) {
            return;
        }
        request.setAttribute(TRIES, (long) tries);
        end(request, outcome, status);
    }

    private static void end(Span span, String outcome, int status) {
        if (span == null) {
            return;
        }
        span.setAttribute(OUTCOME, outcome);
        if (status > 0) {
            span.setAttribute(STATUS, (long) status);
        }
        if (status == 0 || status >= 500) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }

    /** Exports what is left (bounded to 5 s) and stops. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
