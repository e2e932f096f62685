package dev.shoplab.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * What the edge decides before any body is read, as Vert.x routes: {@code /admin} answers loopback
 * callers only (403 otherwise) that send the lab's control token ({@link ControlTokenCheck}, 401 otherwise); a path or query holding what no text may ({@link PrintableText}) is a 400;
 * an empty or blank {@code Idempotency-Key} is a 422; a body without a {@code Content-Type} is a 415; a body larger than its endpoint accepts ({@link EdgeLimits})
 * is refused with 413; a path nothing answers gets a 404. All as {@code application/problem+json}; every other
 * request reaches Quarkus REST untouched.
 */
@ApplicationScoped
public class EdgeFilters {

    /** Beyond this the connection is closed instead of reading the refused body to its end. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final ObjectMapper json;
    private final EdgeLimits limits;
    private final ControlTokenCheck controlToken;

    EdgeFilters(ObjectMapper json, EdgeLimits limits, ControlTokenCheck controlToken) {
        this.json = json;
        this.limits = limits;
        this.controlToken = controlToken;
    }

    void install(@Observes Router router) {
        // before Quarkus's own upload limit, which answers 413 without a body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::beforeBody);
        // a body without Content-Length (chunked) is read here, up to the API's limit, so that too much of it is a
        // 413 problem too (Quarkus's own limit would answer 413 without a body)
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limits.apiBodyLimit().asLongValue());
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(ctx -> {
                    if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null && mayHaveBody(ctx.request())) {
                        chunkedBodies.handle(ctx);
                    } else {
                        ctx.next();
                    }
                })
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413) {
                        send(ctx, Problems.payloadTooLarge(limits.apiBodyLimit().asLongValue()));
                    } else {
                        ctx.next();
                    }
                });
        router.route().last().handler(ctx -> send(ctx, Problems.notFound(ctx.request().path())));
    }

    /** The body limit, in bytes, of the endpoint at {@code path}. */
    public long limitFor(String path) {
        return path != null && path.startsWith("/admin") ? limits.adminBodyLimit().asLongValue()
                : limits.apiBodyLimit().asLongValue();
    }

    private void beforeBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (path.startsWith("/admin")) {
            if (!isLoopback(request.remoteAddress())) {
                refuse(ctx, Problems.forbidden("the admin API answers only clients on this machine, not "
                        + request.remoteAddress().hostAddress()), false);
                return;
            }
            String refused = controlToken.whyRefused(request.getHeader(HttpHeaders.AUTHORIZATION));
            if (refused != null) {
                ctx.response().putHeader("WWW-Authenticate", ControlTokenCheck.CHALLENGE);
                refuse(ctx, Problems.unauthorized(refused), false);
                return;
            }
        }
        String unprintable = unprintablePart(path, request.query());
        if (unprintable != null) {
            refuse(ctx, Problems.malformed(unprintable), false);
            return;
        }
        // the REST layer reads an empty header as no header at all: refused here, or a retry would buy twice
        Problem blankKey = IdempotencyKeys.blank(request.getHeader(IdempotencyKeys.HEADER));
        if (blankKey != null) {
            refuse(ctx, blankKey, false);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = length != null ? !"0".equals(length.trim()) : request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody && mayHaveBody(request) && request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            // without a Content-Type nobody can say what the body is; every endpoint with a body reads JSON
            refuse(ctx, Problems.unsupportedMediaType(null), false);
            return;
        }
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, Problems.malformed("Content-Length must be a number, not " + length), true);
                return;
            }
            long limit = limitFor(path);
            if (declared > limit) {
                refuse(ctx, Problems.payloadTooLarge(limit), declared > DRAIN_LIMIT);
                return;
            }
        }
        ctx.next();
    }

    /**
     * Answers without handling the request. The body is read to its end and dropped first, so that a
     * client still sending gets to read the answer; a body too large even for that closes the connection.
     */
    private void refuse(RoutingContext ctx, Problem problem, boolean close) {
        HttpServerRequest request = ctx.request();
        if (close || request.isEnded()) {
            if (close) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ctx.response().endHandler(done -> request.connection().close());
            }
            send(ctx, problem);
            return;
        }
        request.handler(chunk -> {
        });
        request.endHandler(end -> send(ctx, problem));
        request.exceptionHandler(failure -> request.connection().close());
        request.resume();
    }

    private void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            ctx.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem.at(ctx.request().path())));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /**
     * What is wrong with a path or query that holds, once percent-decoded, what no text field may
     * ({@link PrintableText}: a control character such as {@code %00}, half of a surrogate pair) or a percent
     * sign that is not an escape; {@code null} when both are fine. Checked for every request, so that no path or
     * query parameter of any endpoint reaches a store with it.
     */
    static String unprintablePart(String rawPath, String rawQuery) {
        if (rawPath != null) {
            for (String segment : rawPath.split("/")) {
                String wrong = wrongIn(segment, false);
                if (wrong != null) {
                    return "the path segment '" + segment + "' " + wrong;
                }
            }
        }
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String wrong = wrongIn(name, true);
                if (wrong == null && equals >= 0) {
                    wrong = wrongIn(parameter.substring(equals + 1), true);
                }
                if (wrong != null) {
                    return "the query parameter '" + name + "' " + wrong;
                }
            }
        }
        return null;
    }

    private static String wrongIn(String raw, boolean query) {
        if (raw.indexOf('%') < 0 && (!query || raw.indexOf('+') < 0)) {
            return PrintableText.Check.whatIsWrong(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return "holds a '%' that is not followed by two hex digits: escape it as %25";
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && query) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            // strict: bytes that are not UTF-8 (such as %ED%A0%80, half a surrogate pair) are refused, not replaced
            return PrintableText.Check.whatIsWrong(StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes.toByteArray())));
        } catch (CharacterCodingException e) {
            return "holds percent-escaped bytes that are not UTF-8: send text as UTF-8";
        }
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        return request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                || request.method() == HttpMethod.PATCH;
    }

    static boolean isLoopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return true; // a domain socket: on this machine by definition
        }
        try {
            return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
