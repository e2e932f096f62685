package dev.shoplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The edge describes itself as a Quarkus user expects: {@code /q/openapi} holds the public API of docs/DESIGN.md —
 * the same paths and operations on all three edges, the same fields in an order's body — and {@code /q/swagger-ui}
 * serves a page to try it. The document's titles and response schemas may differ (each edge shows its own view).
 */
public abstract class OpenApiConformance extends ConformanceSupport {

    /** The public API: every path under /api and its operations, as docs/DESIGN.md lists them. */
    static final Map<String, List<String>> PUBLIC_API = Map.of(
            "/api/orders", List.of("post"),
            "/api/orders/{id}", List.of("get"),
            "/api/inventory/{sku}", List.of("get"));

    @Test
    void the_openapi_document_holds_the_public_api_and_nothing_else_under_api() {
        Answer answer = client().get("/q/openapi?format=json");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode paths = answer.json().path("paths");

        Map<String, List<String>> api = new TreeMap<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            if (path.startsWith("/api")) {
                api.put(path, List.copyOf(new TreeSet<>(iterable(paths.get(path).fieldNames()))));
            }
        }

        assertThat(api).isEqualTo(new TreeMap<>(PUBLIC_API));
        JsonNode body = paths.path("/api/orders").path("post").path("requestBody").path("content")
                .path("application/json").path("schema");
        assertThat(properties(answer.json(), body)).containsExactlyInAnyOrder("customerId", "lines", "paymentToken");
    }

    @Test
    void swagger_ui_is_served() {
        Answer answer = client().get("/q/swagger-ui/");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).containsIgnoringCase("swagger");
    }

    /** The property names of a schema, following one {@code $ref} into {@code components}. */
    private static List<String> properties(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            resolved = document.at(ref.substring(1));
        }
        return List.copyOf(iterable(resolved.path("properties").fieldNames()));
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
