package dev.shoplab.eventdriven.order.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplab.eventdriven.order.domain.OrderRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of {@code POST /api/orders} strictly: one JSON object, each field of its JSON type (a
 * quantity a whole number, not "2" nor 1.5). Anything unreadable is a 400 {@code malformed-request} that
 * says where; missing or out-of-range values are left for the rules (a 422).
 */
final class OrderRequestReader {

    static final String EXPECTED = "{\"customerId\": \"…\", \"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1}],"
            + " \"paymentToken\": \"tok_ok\"}";

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private OrderRequestReader() {
    }

    static OrderRequest read(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("the body is empty; send a JSON object like " + EXPECTED);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw malformed("the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("the body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the body must be a JSON object like " + EXPECTED + ", not " + kind(root));
        }
        return new OrderRequest(text(root, "customerId"), lines(root.get("lines")), text(root, "paymentToken"));
    }

    private static List<OrderRequest.Line> lines(JsonNode lines) {
        if (lines == null || lines.isNull()) {
            return null;
        }
        if (!lines.isArray()) {
            throw malformed("lines must be an array of {\"sku\", \"quantity\"} objects, not " + kind(lines));
        }
        List<OrderRequest.Line> result = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String field = "lines[" + i + "]";
            if (!line.isObject()) {
                throw malformed(field + " must be an object {\"sku\", \"quantity\"}, not " + kind(line));
            }
            result.add(new OrderRequest.Line(text(line, "sku", field + ".sku"), quantity(line.get("quantity"),
                    field + ".quantity")));
        }
        return result;
    }

    private static Integer quantity(JsonNode quantity, String field) {
        if (quantity == null || quantity.isNull()) {
            return null;
        }
        if (!quantity.isIntegralNumber()) {
            throw malformed(field + " must be a whole number, not " + kind(quantity));
        }
        if (!quantity.canConvertToInt()) {
            throw malformed(field + " must be a whole number from 1 to 100, not " + quantity.asText());
        }
        return quantity.intValue();
    }

    private static String text(JsonNode object, String name) {
        return text(object, name, name);
    }

    private static String text(JsonNode object, String name, String field) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(field + " must be a string, not " + kind(value));
        }
        return value.textValue();
    }

    /** How a JSON value is named in a detail: {@code the number 42}, {@code the string "2"}, {@code an array}. */
    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (node.isNumber() || node.isBoolean()) {
            return "the " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node.asText();
        }
        return node.isArray() ? "an array" : node.isObject() ? "an object" : "null";
    }

    private static ProblemException malformed(String detail) {
        return Problems.malformed(detail).asException();
    }
}
