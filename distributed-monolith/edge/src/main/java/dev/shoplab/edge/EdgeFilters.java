package dev.shoplab.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * What the edge decides before any body is read, as Vert.x routes, each refusal {@code application/problem+json}:
 * a request target or header block over the edge's limits ({@link EdgeLimits}) is a 414 or 431; more than one
 * {@code Host} a 400 (RFC 9112 §3.2); {@code /admin} answers loopback callers only (403 otherwise) that send the
 * lab's control token ({@link ControlTokenCheck}, 401 otherwise), decided on the path as the router resolves it
 * (dot segments removed), so that {@code /api/../admin/…} is guarded too; a path or query holding what no text may
 * ({@link PrintableText}) is a 400; an empty or blank {@code Idempotency-Key}, or more than one, is a 422; a body without a
 * {@code Content-Type}, or with a {@code Content-Encoding}, is a 415; a transfer coding other than chunked alone (or any
 * in HTTP/1.0) is a 400 that closes the connection; a body larger than its endpoint accepts is a 413; a request that came without a
 * body is a 405 if its path does not take its method, else a 400; a path nothing answers gets a 404. Every failure a Vert.x handler raises (a missing {@code Host}, a target that is not a path) is answered
 * as a problem too. A request with a chunked body is answered and its connection closed (RFC 9112 §6.1: it may
 * have carried a {@code Content-Length} too, which the codec removes before the edge can see it). What the codec
 * itself refuses never gets here (docs/adr/0013-errors-below-the-edge.md). Every other request reaches Quarkus
 * REST untouched.
 */
@ApplicationScoped
public class EdgeFilters {

    /** Beyond this the connection is closed instead of reading the refused body to its end. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(EdgeFilters.class);

    private final ObjectMapper json;
    private final EdgeLimits limits;
    private final ControlTokenCheck controlToken;
    private final AllowedMethods allowedMethods;

    EdgeFilters(ObjectMapper json, EdgeLimits limits, ControlTokenCheck controlToken, AllowedMethods allowedMethods) {
        this.json = json;
        this.limits = limits;
        this.controlToken = controlToken;
        this.allowedMethods = allowedMethods;
    }

    void install(@Observes Router router) {
        // first of all failure handlers, and for failures no failure handler takes
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        for (int status : List.of(400, 404, 405, 413, 414, 431, 500)) {
            router.errorHandler(status, this::failed);
        }
        // before Quarkus's own upload limit, which answers 413 without a body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::beforeBody);
        // a body without Content-Length (chunked) is read here, up to the API's limit, so that too much of it is a
        // 413 problem too (Quarkus's own limit would answer 413 without a body)
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limits.apiBodyLimit().asLongValue());
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(ctx -> {
                    if (isChunked(ctx.request())) {
                        chunkedBodies.handle(ctx);
                    } else {
                        ctx.next();
                    }
                });
        // the body handler leaves no body (length -1) for an empty chunked one, and Quarkus REST then waits for the
        // request's data forever: an empty body is answered here — after the method, which is wrong whatever the
        // body (a 405, as Quarkus REST answers the same method with a body)
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(ctx -> {
                    if (isChunked(ctx.request()) && ctx.body().length() <= 0) {
                        send(ctx, methodNotAllowed(ctx) ? Problems.methodNotAllowed(ctx.request().method().name(),
                                ctx.request().path()) : emptyBody());
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
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // RFC 9112 §6.1: a request that came with Content-Length and Transfer-Encoding must be answered, then its
            // connection closed; the codec has already removed the Content-Length, so every chunked request is
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.addEndHandler(sent -> request.connection().close());
        }
        String target = request.uri();
        if (target.length() > limits.maxRequestTarget()) {
            refuse(ctx, Problems.uriTooLong(target.length(), limits.maxRequestTarget()), false);
            return;
        }
        long headerBlock = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBlock += header.getKey().length() + 2 + header.getValue().length();
        }
        if (headerBlock > limits.maxHeaderBlock().asLongValue()) {
            refuse(ctx, Problems.headersTooLarge(headerBlock, limits.maxHeaderBlock().asLongValue()), false);
            return;
        }
        int hosts = request.headers().getAll(HttpHeaders.HOST).size();
        if (hosts > 1) {
            refuse(ctx, Problems.malformed("the request holds " + hosts + " Host headers: send exactly one (RFC 9112"
                    + " §3.2)"), false);
            return;
        }
        // the path as the router resolves it (dot segments removed, unreserved escapes decoded): what it routes on
        String path = ctx.normalizedPath();
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
        String unprintable = unprintablePart(request.path(), request.query());
        if (unprintable != null) {
            refuse(ctx, Problems.malformed(unprintable), false);
            return;
        }
        // the REST layer reads an empty header as no header at all, and a second one not at all: refused here, or a
        // retry would buy twice
        Problem unusableKey = IdempotencyKeys.unusable(request.headers().getAll(IdempotencyKeys.HEADER));
        if (unusableKey != null) {
            refuse(ctx, unusableKey, false);
            return;
        }
        // every line of the header, each a comma-separated list (RFC 9110 §5.3): "chunked" then "gzip" is "chunked, gzip"
        List<String> transferCodings = codings(request, HttpHeaders.TRANSFER_ENCODING);
        String transferCoding = transferCodings.isEmpty() ? null : String.join(", ", transferCodings);
        if (transferCoding != null && (!transferCodings.equals(List.of("chunked"))
                || request.version() == HttpVersion.HTTP_1_0)) {
            // RFC 9112 §6.1: chunked is the only transfer coding read here, and HTTP/1.0 has none; a body whose framing
            // cannot be read is refused and its connection closed (a 501 would blame the shop for the client's coding)
            refuse(ctx, Problems.malformed("Transfer-Encoding: " + transferCoding + " is not read here: send the body "
                    + (request.version() == HttpVersion.HTTP_1_0 ? "with Content-Length (HTTP/1.0 has no transfer "
                    + "codings)" : "with Content-Length, or chunked alone")), true);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = length != null ? !"0".equals(length.trim()) : transferCoding != null;
        List<String> contentCodings = codings(request, HttpHeaders.CONTENT_ENCODING);
        if (hasBody && contentCodings.stream().anyMatch(c -> !c.equals("identity"))) {
            // RFC 9110 §8.4: a content coding the server does not accept is a 415 (§15.5.16: saying which it accepts);
            // the body would be read as it came
            String contentCoding = String.join(", ", contentCodings);
            ctx.response().putHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
            refuse(ctx, Problem.of("unsupported-media-type", "Unsupported media type", 415, "Content-Encoding: "
                    + contentCoding + " is not accepted: send the JSON as it is, without a content coding"), false);
            return;
        }
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

    /** The codings a header names over all its lines, lower-cased, in order: {@code [chunked, gzip]}. */
    private static List<String> codings(HttpServerRequest request, CharSequence header) {
        List<String> codings = new ArrayList<>();
        for (String line : request.headers().getAll(header)) {
            for (String coding : line.split(",")) {
                if (!coding.isBlank()) {
                    codings.add(coding.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return codings;
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
     * Answers a failure raised by a Vert.x handler rather than by Quarkus REST (whose exceptions {@link ProblemMappers}
     * answers): the router's own 400 for a request without {@code Host}, its 404 for
     * a target that is not a path ({@code *}), a body handler's 413, a body whose chunks cannot be read (400). A failure
     * without a client status is the shop's own: logged, and a 500 problem.
     */
    private void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        Throwable failure = ctx.failure();
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        HttpServerRequest request = ctx.request();
        if ((failure instanceof DecoderException || failure instanceof NumberFormatException) && !request.isEnded()) {
            // the codec could not read the body's framing (Netty reports a bad chunk size as NumberFormatException)
            send(ctx, Problems.malformed("the body could not be read: " + failure.getMessage()));
            return;
        }
        Problem problem = switch (status) {
            case 400 -> Problems.malformed(failure != null && failure.getMessage() != null ? failure.getMessage()
                    : "the request is not valid HTTP/1.1 (RFC 9112)");
            case 404 -> Problems.notFound(request.path());
            case 405 -> Problems.methodNotAllowed(request.method().name(), request.path());
            case 413 -> Problems.payloadTooLarge(limitFor(request.path()));
            default -> status >= 400 && status < 500
                    ? Problems.forStatus(status, HttpResponseStatus.valueOf(status).reasonPhrase()) : null;
        };
        if (problem == null) {
            LOG.errorf(failure, "Failed to handle %s %s", request.method(), request.path());
            problem = Problems.internal();
        }
        send(ctx, problem);
    }

    /** True if the path takes other methods than the request's; the {@code Allow} header is set then (RFC 9110 §15.5.6). */
    private boolean methodNotAllowed(RoutingContext ctx) {
        Set<String> allowed = allowedMethods.at(ctx.normalizedPath());
        if (allowed.isEmpty() || allowed.contains(ctx.request().method().name())) {
            return false;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
        return true;
    }

    private static Problem emptyBody() {
        return Problems.malformed("the body is empty: send the JSON object this endpoint takes (its schema: /q/openapi)");
    }

    private static boolean isChunked(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.CONTENT_LENGTH) == null && mayHaveBody(request);
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
