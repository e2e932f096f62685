package dev.shoplab.edge;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Moves the HTTP codec's own size limits far above the edge's ({@link EdgeLimits}). What the codec (Netty, under
 * Vert.x) refuses never reaches a handler of the edge, and Quarkus 3.32 offers no hook for its answers (Vert.x's
 * {@code HttpServer#invalidRequestHandler} is not exposed: quarkusio/quarkus#55082), so they are bare: a
 * {@code 414} or {@code 431} without a body. With these limits a request target or header block too large for
 * the edge reaches {@link EdgeFilters}, which answers the same status as a problem; only one larger than
 * {@value #INITIAL_LINE} or {@value #HEADER_BLOCK} bytes still gets the codec's bare answer
 * (docs/adr/0013-errors-below-the-edge.md).
 */
@ApplicationScoped
public class CodecLimits implements HttpServerOptionsCustomizer {

    /** The codec's longest request line, in bytes (method, target, version). */
    public static final int INITIAL_LINE = 64 * 1024;
    /** The codec's largest header block, in bytes. */
    public static final int HEADER_BLOCK = 64 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(INITIAL_LINE).setMaxHeaderSize(HEADER_BLOCK);
    }
}
