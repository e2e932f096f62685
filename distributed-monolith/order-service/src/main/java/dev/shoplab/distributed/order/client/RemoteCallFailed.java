package dev.shoplab.distributed.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * Another service (or the mesh in front of it) answered with an error. Carries the status and, when the
 * answer was a problem, its kind and detail; a mesh answer such as "no healthy upstream" has none.
 */
public class RemoteCallFailed extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final int status;
    private final String kind;
    private final String detail;

    public RemoteCallFailed(String service, int status, String kind, String detail) {
        super(service + " answered " + status + (kind == null ? "" : " " + kind) + (detail == null ? "" : ": " + detail),
                null, false, false);
        this.service = service;
        this.status = status;
        this.kind = kind;
        this.detail = detail;
    }

    /** The failure an error answer of {@code service} stands for. */
    public static RemoteCallFailed of(String service, Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        String kind = null;
        String detail = body.isBlank() ? null : body.substring(0, Math.min(300, body.length())).strip();
        try {
            JsonNode problem = body.isBlank() ? null : JSON.readTree(body);
            if (problem != null && problem.path("type").isTextual()) {
                String type = problem.path("type").asText();
                kind = type.substring(type.lastIndexOf('/') + 1);
                detail = problem.path("detail").asText(null);
            }
        } catch (IOException notJson) {
            // the mesh's own answers are plain text ("no healthy upstream"): kept as the detail
        }
        return new RemoteCallFailed(service, response.getStatus(), kind, detail);
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The problem kind ({@code out-of-stock}), or null when the answer was not a problem. */
    public String kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}
