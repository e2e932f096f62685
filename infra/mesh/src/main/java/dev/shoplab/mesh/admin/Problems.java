package dev.shoplab.mesh.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** Writes RFC 9457 {@code application/problem+json} answers with a stable type URI per kind of problem. */
public final class Problems {

    /** Prefix of every problem type the mesh answers with. */
    public static final String TYPE_PREFIX = "https://shoplab.dev/problems/mesh/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** Sends a problem: {@code kind} becomes the last segment of the type URI. */
    public static void send(HttpServerResponse response, int status, String kind, String title, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", TYPE_PREFIX + kind);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        response.setStatusCode(status).putHeader("content-type", "application/problem+json").end(body.toString());
    }
}
