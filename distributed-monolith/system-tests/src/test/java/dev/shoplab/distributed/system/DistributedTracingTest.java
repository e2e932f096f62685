package dev.shoplab.distributed.system;

import static dev.shoplab.testing.OrderTraces.clientCall;
import static dev.shoplab.testing.OrderTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.testing.OrderTraces;
import dev.shoplab.traces.Span;
import dev.shoplab.traces.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With tracing on, one order of the distributed monolith is one trace through its four services and the mesh: every
 * call between services and to the providers goes through a mesh request span and one span per try, each service's
 * server span is a child of the try that reached it, and a retry storm shows as retried tries. Sku SKU-0750.
 */
@ExtendWith(FreshMesh.class)
class DistributedTracingTest {

    private static final Set<String> SERVICES = Set.of("order-service", "inventory-service", "payment-service",
            "notification-service", "mesh");

    private final DistributedShop shop = DistributedShop.get();

    @AfterEach
    void back_to_the_shipped_state() {
        shop.heal();
    }

    @Test
    void one_order_is_one_trace_through_every_service_and_every_mesh_hop() {
        shop.seed(Map.of("SKU-0750", 10));

        JsonNode order = shop.placeConcluded("tok_ok", "SKU-0750", 1);
        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");

        Trace trace = awaitTrace(orderId, t -> t.services().containsAll(SERVICES)
                && t.spans().stream().anyMatch(clientCall("notification-service", "/mail/messages")));
        Span request = trace.root();
        assertThat(request.service()).isEqualTo("order-service");
        assertThat(request.name()).isEqualTo("POST /api/orders");
        assertThat(request.namespace()).isEqualTo("distributed-monolith");
        assertThat(request.orderId()).isEqualTo(orderId);

        // every hop: client span → mesh request → try → the callee's server span
        for (String destination : List.of("inventory-service", "payment-service", "notification-service",
                "psp-simulator", "mail-simulator")) {
            List<Span> hops = spans(trace, s -> s.name().equals("mesh " + destination));
            assertThat(hops).as("mesh requests to %s", destination).isNotEmpty();
            for (Span hop : hops) {
                Span caller = trace.span(hop.parentSpanId()).orElseThrow();
                assertThat(caller.kind()).as("the caller of %s", hop.name()).isEqualTo(Span.Kind.CLIENT);
                List<Span> tries = trace.children(hop);
                assertThat(tries).as("tries of %s", hop.name()).singleElement().satisfies(attempt -> {
                    assertThat(attempt.name()).isEqualTo("try 1 " + destination);
                    assertThat(attempt.attributes()).containsEntry("shoplab.mesh.try", "1")
                            .containsEntry("shoplab.mesh.retry", "false")
                            .containsEntry("shoplab.mesh.destination", destination);
                    assertThat(attempt.attributes().get("shoplab.mesh.outcome")).as("outcome of %s", attempt.name())
                            .matches("2\\d\\d");
                });
            }
        }
        for (String service : List.of("inventory-service", "payment-service", "notification-service")) {
            List<Span> served = spans(trace, s -> s.service().equals(service) && s.kind() == Span.Kind.SERVER);
            assertThat(served).as("server spans of %s", service).isNotEmpty()
                    .allSatisfy(s -> assertThat(trace.span(s.parentSpanId()).orElseThrow().name()).startsWith("try "));
        }
        assertThat(spans(trace, clientCall("payment-service", "/psp/charges"))).hasSize(1);
        assertThat(spans(trace, clientCall("notification-service", "/mail/messages"))).hasSize(1);
    }

    @Test
    void a_psp_that_answers_503_shows_as_retried_tries_until_outlier_detection_cuts_them() {
        shop.seed(Map.of("SKU-0750", 10));
        shop.pspFaults("{\"errorRate\": 1.0}");

        JsonNode order = shop.placeConcluded("tok_ok", "SKU-0750", 1);
        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("FAILED");

        Trace trace = awaitTrace(orderId, t -> spans(t, s -> s.name().startsWith("try 3 payment-service")).size() == 1
                && spans(t, s -> s.name().startsWith("try ") && s.name().endsWith(" psp-simulator")).size() == 3);
        List<Span> pspTries = spans(trace, s -> s.name().startsWith("try ") && s.name().endsWith(" psp-simulator"));
        assertThat(pspTries).extracting(s -> s.attributes().get("shoplab.mesh.try") + " "
                        + s.attributes().get("shoplab.mesh.retry") + " " + s.attributes().get("shoplab.mesh.outcome"))
                .containsExactly("1 false 503", "2 true 503", "3 true 503");
        assertThat(pspTries).allSatisfy(s -> assertThat(s.status()).isEqualTo(Span.Status.ERROR));
        assertThat(spans(trace, s -> s.name().equals("mesh psp-simulator")))
                .as("after the 3rd 503 the PSP is ejected: the mesh answers the next tries itself")
                .anySatisfy(s -> assertThat(s.attributes()).containsEntry("shoplab.mesh.outcome", "no_healthy_upstream"));
        assertThat(spans(trace, s -> s.name().startsWith("try ") && s.name().endsWith(" payment-service")))
                .extracting(s -> s.attributes().get("shoplab.mesh.retry")).containsExactly("false", "true", "true");
    }

    private Trace awaitTrace(String orderId, Predicate<Trace> complete) {
        return OrderTraces.await(shop.traces(), orderId, Duration.ofSeconds(30), complete);
    }
}
