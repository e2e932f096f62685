package dev.shoplab.eventdriven.inventory.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoplab.eventdriven.inventory.Catalogue;
import dev.shoplab.eventdriven.inventory.SeedBarrier;
import dev.shoplab.eventdriven.messaging.TraceParent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code PUT /admin/catalogue} {@code {"items":[{"sku","priceCents","available"}]}}: the lab's seed of the
 * catalogue this service owns. Loopback callers only; answers 204 once the edge's stock view has the seed
 * too (202 if it did not confirm in time), or a problem saying what is wrong.
 */
@Path("/admin/catalogue")
public class CatalogueAdminResource {

    /** Most items one seed may list. */
    static final int MAX_ITEMS = 20_000;
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Inject
    Catalogue catalogue;

    @Inject
    SeedBarrier barrier;

    @PUT
    public Response seed(byte[] body, @HeaderParam("Content-Type") String contentType,
                         @HeaderParam(TraceParent.HEADER) String traceparent, @Context HttpServerRequest request) {
        requireLoopback(request);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType));
        }
        Catalogue.Seeded seeded = catalogue.seed(entries(body), TraceParent.continueOrStart(traceparent));
        if (barrier.await(seeded.acknowledged(), seeded.eventIds())) {
            return Response.noContent().build();
        }
        // Committed and published, but a read model did not confirm it in time: it will catch up.
        return Response.accepted().type("application/json").entity("{\"seeded\":true,\"readModelsCaughtUp\":false,"
                + "\"detail\":\"the catalogue is seeded; the edge's stock view did not confirm it within "
                + barrier.bound().toSeconds() + " s and will show it shortly\"}").build();
    }

    private static List<Catalogue.Entry> entries(byte[] body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (IOException e) {
            throw invalid("malformed-json", "body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            throw invalid("invalid-catalogue", "body must be an object with an array 'items'");
        }
        JsonNode items = root.get("items");
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw invalid("invalid-catalogue", "items must list 1 to " + MAX_ITEMS + " skus, got " + items.size());
        }
        List<Catalogue.Entry> entries = new ArrayList<>(items.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = "items[" + i + "]";
            String sku = item.path("sku").isTextual() ? item.get("sku").asText() : null;
            if (sku == null || !SKU.matcher(sku).matches()) {
                throw invalid("invalid-catalogue", where + ".sku must be 1-64 letters, digits, '_', '.' or '-'");
            }
            if (!seen.add(sku)) {
                throw invalid("invalid-catalogue", where + ".sku " + sku + " is listed twice");
            }
            long price = integer(item, "priceCents", where, 1, 100_000_000);
            long available = integer(item, "available", where, 0, 1_000_000_000);
            entries.add(new Catalogue.Entry(sku, price, (int) available));
        }
        return entries;
    }

    private static long integer(JsonNode item, String field, String where, long min, long max) {
        JsonNode value = item.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw invalid("invalid-catalogue", where + "." + field + " must be an integer from " + min + " to " + max
                    + ", got " + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.asLong();
    }

    private static void requireLoopback(HttpServerRequest request) {
        String host = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        boolean loopback;
        try {
            loopback = host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw Problem.of(403, "forbidden", "Forbidden", "the admin API answers loopback callers only, not " + host);
        }
    }

    private static RuntimeException invalid(String kind, String detail) {
        return Problem.of(kind.equals("malformed-json") ? 400 : 422, kind, kind.equals("malformed-json")
                ? "Malformed JSON" : "Invalid catalogue", detail);
    }
}
