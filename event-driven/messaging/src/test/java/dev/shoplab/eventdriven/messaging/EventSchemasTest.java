package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private static ObjectNode event(String type, int version, String orderId, Object payload) {
        return (ObjectNode) EventJson.tree(new EventEnvelope(UUID.randomUUID().toString(), type, version, Instant.now(),
                orderId, EventJson.tree(payload)));
    }

    private static final String ORDER = UUID.randomUUID().toString();

    @Test
    void accepts_an_event_that_follows_its_schema() {
        JsonNode event = event("StockReserved", 1, ORDER, Map.of("lines", List.of(Map.of("sku", "SKU-0001",
                "quantity", 2)), "stock", List.of(Map.of("sku", "SKU-0001", "priceCents", 500, "available", 3,
                "reserved", 2, "revision", 7))));

        assertThat(EventSchemas.problems(event)).isEmpty();
    }

    @Test
    void rejects_an_unknown_type_or_version() {
        assertThat(EventSchemas.problems(event("OrderTeleported", 1, ORDER, Map.of())))
                .singleElement().asString().contains("unknown event type OrderTeleported version 1");
        assertThat(EventSchemas.problems(event("StockReserved", 7, ORDER, Map.of())))
                .singleElement().asString().contains("version 7");
        assertThat(EventSchemas.known("StockReserved", 1)).isTrue();
        assertThat(EventSchemas.known("../envelope", 1)).isFalse();
    }

    @Test
    void rejects_a_payload_that_breaks_its_schema() {
        JsonNode negative = event("StockReserved", 1, ORDER, Map.of("lines", List.of(Map.of("sku", "SKU-0001",
                "quantity", -1))));
        JsonNode missing = event("PaymentSucceeded", 1, ORDER, Map.of("amountCents", 100, "attempts", 1));

        assertThat(EventSchemas.problems(negative)).isNotEmpty();
        assertThat(EventSchemas.problems(missing)).anySatisfy(p -> assertThat(p).contains("chargeId"));
    }

    @Test
    void a_sku_is_what_the_catalogue_takes_printable_text_of_1_to_32_characters() {
        assertThat(EventSchemas.problems(reserved("S K;a/b%+é?#&=1"))).as("the catalogue took it: so must the saga")
                .isEmpty();
        assertThat(EventSchemas.problems(reserved("SKU\u0000"))).as("a control character").isNotEmpty();
        assertThat(EventSchemas.problems(reserved("S".repeat(33)))).as("33 characters").isNotEmpty();
        assertThat(EventSchemas.problems(reserved(""))).as("empty").isNotEmpty();
    }

    private static JsonNode reserved(String sku) {
        return event("StockReserved", 1, ORDER, Map.of("lines", List.of(Map.of("sku", sku, "quantity", 2)), "stock",
                List.of(Map.of("sku", sku, "priceCents", 500, "available", 3, "reserved", 2, "revision", 7))));
    }

    @Test
    void rejects_a_saga_event_without_an_order_and_an_envelope_with_extra_fields() {
        JsonNode noOrder = event("StockReserved", 1, null, Map.of("lines", List.of(Map.of("sku", "SKU-0001",
                "quantity", 1))));
        ObjectNode extra = event("StockReserved", 1, ORDER, Map.of("lines", List.of(Map.of("sku", "SKU-0001",
                "quantity", 1))));
        extra.put("surprise", true);
        ObjectNode badId = event("StockReserved", 1, ORDER, Map.of("lines", List.of(Map.of("sku", "SKU-0001",
                "quantity", 1))));
        badId.put("eventId", "not-a-uuid");

        assertThat(EventSchemas.problems(noOrder)).isNotEmpty();
        assertThat(EventSchemas.problems(extra)).isNotEmpty();
        assertThat(EventSchemas.problems(badId)).isNotEmpty();
    }

    @Test
    void tolerates_new_optional_payload_fields_and_catalogue_events_without_an_order() {
        JsonNode withNewField = event("PaymentSucceeded", 1, ORDER, Map.of("chargeId", "ch_1", "amountCents", 100,
                "attempts", 1, "warehouse", "north"));
        JsonNode catalogue = event("StockLevelsChanged", 1, null, Map.of("items", List.of(Map.of("sku", "SKU-0001",
                "priceCents", 500, "available", 3, "reserved", 0, "revision", 1))));

        assertThat(EventSchemas.problems(withNewField)).isEmpty();
        assertThat(EventSchemas.problems(catalogue)).isEmpty();
    }
}
