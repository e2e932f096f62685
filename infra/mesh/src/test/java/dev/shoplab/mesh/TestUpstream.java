package dev.shoplab.mesh;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 standing in for a service behind the mesh; it records what reached it. */
final class TestUpstream implements AutoCloseable {

    /** What the upstream does with its n-th request (1-based). */
    @FunctionalInterface
    interface Behaviour {
        void handle(HttpServerRequest request, Buffer body, int nth);
    }

    /**
     * One request that reached the upstream.
     *
     * @param nth        1-based arrival order at this upstream
     * @param attempt    the mesh's x-shoplab-attempt header
     * @param envoyCount the mesh's x-envoy-attempt-count header
     * @param method     HTTP method
     * @param body       the full body received
     * @param connection the connection it came on
     * @param nanos      arrival time (System.nanoTime)
     * @param traceparent the W3C traceparent header it came with (null: none)
     */
    record Seen(int nth, String attempt, String envoyCount, String method, Buffer body, HttpConnection connection,
                long nanos, String traceparent) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    private TestUpstream(Vertx vertx, Behaviour behaviour) throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            int nth = count.incrementAndGet();
            seen.add(new Seen(nth, req.getHeader("x-shoplab-attempt"), req.getHeader("x-envoy-attempt-count"),
                    req.method().name(), body, req.connection(), System.nanoTime(), req.getHeader("traceparent")));
            behaviour.handle(req, body, nth);
        }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static TestUpstream start(Vertx vertx, Behaviour behaviour) throws Exception {
        return new TestUpstream(vertx, behaviour);
    }

    /** Always answers this status with a short body. */
    static Behaviour answering(int status, String body) {
        return (req, b, n) -> req.response().setStatusCode(status).end(body);
    }

    /** Never answers (holds the request open). */
    static Behaviour hanging() {
        return (req, b, n) -> { };
    }

    Upstream address() {
        return new Upstream("127.0.0.1", server.actualPort());
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int count() {
        return count.get();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
