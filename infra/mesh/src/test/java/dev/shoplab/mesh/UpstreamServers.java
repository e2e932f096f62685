package dev.shoplab.mesh;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit extension owning one Vert.x instance per test class, on which the test's upstream servers run. */
final class UpstreamServers implements BeforeAllCallback, AfterAllCallback {

    private Vertx vertx;

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts an upstream server with this behaviour on 127.0.0.1 and a free port. */
    TestUpstream start(TestUpstream.Behaviour behaviour) throws Exception {
        return TestUpstream.start(vertx, behaviour);
    }
}
