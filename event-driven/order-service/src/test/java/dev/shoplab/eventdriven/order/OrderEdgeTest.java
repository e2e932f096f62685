package dev.shoplab.eventdriven.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.OutboxRelay;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.order.application.SagaProgress;
import dev.shoplab.eventdriven.order.events.OrderEvents;
import dev.shoplab.eventdriven.testing.Contract;
import dev.shoplab.eventdriven.testing.EventFlowTestSupport;
import dev.shoplab.eventdriven.testing.ReceivedEvent;
import dev.shoplab.eventdriven.testing.SagaEvents;
import dev.shoplab.testing.RealInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * order-service against a real broker and database, the other services played by the test: HTTP and
 * inventory's or payment's events in, order events and the public API's answers out.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "ed_order"), @ResourceArg(name = "kafka", value = "true")})
class OrderEdgeTest extends EventFlowTestSupport {

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected String[] expectedTopics() {
        return new String[] {Topics.ORDERS, Topics.CATALOGUE};
    }

    /** Seeds the edge's stock view the way inventory does, and waits for its acknowledgement. */
    private String catalogueHas(long price, int available) {
        String sku = "E-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode seed = sender.send(Topics.CATALOGUE, SagaEvents.stockLevelsChanged(sku, price, available, 0, 1));
        ReceivedEvent ack = Contract.assertConforms(probe.await(BOUND, "ReadModelCaughtUp",
                e -> "ReadModelCaughtUp".equals(e.type())
                        && seed.get("eventId").asText().equals(e.payload().path("appliedEventId").asText())));
        assertThat(ack.payload().get("readModel").asText()).isEqualTo(SagaProgress.STOCK_VIEW);
        return sku;
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/orders");
    }

    private static String order(String sku, int quantity, String token) {
        return "{\"customerId\":\"c-42\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + "}],\"paymentToken\":\"" + token + "\"}";
    }

    private static String status(String orderId) {
        return given().get("/api/orders/" + orderId).then().statusCode(200).extract().path("status");
    }

    private long ordersWritten() {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em.createQuery("select count(o) from OrderRow o")
                .getSingleResult());
    }

    @Test
    void accepts_an_order_with_202_and_publishes_order_placed_on_the_callers_trace() {
        String sku = catalogueHas(1250, 10);
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        Response accepted = given().contentType(ContentType.JSON).header(TraceParent.HEADER, caller)
                .body(order(sku, 2, "tok_ok")).post("/api/orders");

        accepted.then().statusCode(202).body("status", equalTo("PENDING")).body("totalCents", equalTo(2500))
                .body("lines[0].unitPriceCents", equalTo(1250)).body("timeline[0].event", equalTo("OrderPlaced"));
        String orderId = accepted.path("orderId");
        accepted.then().header("Location", endsWith("/api/orders/" + orderId));
        ReceivedEvent placed = Contract.assertConforms(probe.await(BOUND, "OrderPlaced", orderId));
        assertThat(placed.payload().get("totalCents").asLong()).isEqualTo(2500);
        assertThat(placed.payload().get("paymentToken").asText()).isEqualTo("tok_ok");
        assertThat(TraceParent.parse(placed.header(TraceParent.HEADER)).orElseThrow().traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void confirms_when_inventory_sells_the_stock_and_shows_the_new_stock_and_the_saga_timeline() {
        String sku = catalogueHas(500, 10);
        String orderId = post(order(sku, 3, "tok_ok")).then().statusCode(202).extract().path("orderId");

        sender.send(Topics.INVENTORY, SagaEvents.stockReserved(orderId, sku, 3));
        sender.send(Topics.PAYMENTS, SagaEvents.paymentSucceeded(orderId, 1500));
        ObjectNode committed = SagaEvents.stockCommitted(orderId, sku, 3);
        ((ObjectNode) committed.at("/payload/stock/0")).put("sku", sku).put("priceCents", 500).put("available", 7)
                .put("reserved", 0);
        sender.send(Topics.INVENTORY, committed);

        Awaitility.await().atMost(BOUND).until(() -> "CONFIRMED".equals(status(orderId)));
        given().get("/api/inventory/" + sku).then().statusCode(200).body("available", equalTo(7))
                .body("reserved", equalTo(0)).body("priceCents", equalTo(500));
        Contract.assertConforms(probe.await(BOUND, "OrderConfirmed", orderId));
        Awaitility.await().atMost(BOUND).untilAsserted(() -> assertThat(given().get("/api/orders/" + orderId)
                .then().extract().jsonPath().getList("timeline.event", String.class))
                .containsExactly("OrderPlaced", "StockReserved", "PaymentSucceeded", "StockCommitted", "OrderConfirmed"));
    }

    @Test
    void rejects_when_stock_could_not_be_reserved_and_fails_when_the_psp_stayed_unreachable() {
        String sku = catalogueHas(500, 10);
        String outOfStock = post(order(sku, 1, "tok_ok")).then().statusCode(202).extract().path("orderId");
        String unreachable = post(order(sku, 1, "tok_ok")).then().statusCode(202).extract().path("orderId");

        sender.send(Topics.INVENTORY, SagaEvents.stockReservationFailed(outOfStock, sku));
        sender.send(Topics.INVENTORY, SagaEvents.stockReleased(unreachable, sku, 1, "PAYMENT_UNAVAILABLE"));

        ReceivedEvent rejected = Contract.assertConforms(probe.await(BOUND, "OrderRejected", outOfStock));
        assertThat(rejected.payload().get("reason").asText()).isEqualTo("OUT_OF_STOCK");
        ReceivedEvent failed = Contract.assertConforms(probe.await(BOUND, "OrderFailed", unreachable));
        assertThat(failed.payload().get("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        given().get("/api/orders/" + outOfStock).then().body("status", equalTo("REJECTED"))
                .body("reason", equalTo("OUT_OF_STOCK"));
        given().get("/api/orders/" + unreachable).then().body("status", equalTo("FAILED"))
                .body("reason", equalTo("PAYMENT_UNAVAILABLE"));
    }

    @Test
    void hostile_input_gets_a_problem_and_writes_and_publishes_nothing() {
        String sku = catalogueHas(100, 10);
        long before = ordersWritten();

        post("{\"customerId\": 42, \"lines\": []").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://shoplab.dev/problems/malformed-request"));
        post(order(sku, 0, "tok_ok")).then().statusCode(422).body("type", equalTo("https://shoplab.dev/problems/validation"))
                .body("errors[0].field", equalTo("lines[0].quantity"));
        post(order("NO-SUCH-SKU", 1, "tok_ok")).then().statusCode(422)
                .body("type", equalTo("https://shoplab.dev/problems/unknown-sku"));
        given().contentType(ContentType.TEXT).body(order(sku, 1, "tok_ok")).post("/api/orders").then().statusCode(415)
                .body("type", equalTo("https://shoplab.dev/problems/unsupported-media-type"));
        post("{\"customerId\":\"c\",\"lines\":[" + "{\"sku\":\"x\",\"quantity\":1},".repeat(3000)
                + "{\"sku\":\"x\",\"quantity\":1}],\"paymentToken\":\"t\"}").then().statusCode(413)
                .body("type", equalTo("https://shoplab.dev/problems/payload-too-large"));
        String marker = post(order(sku, 1, "tok_ok")).then().statusCode(202).extract().path("orderId");

        probe.await(BOUND, "OrderPlaced", marker);
        assertThat(probe.received()).filteredOn(e -> "OrderPlaced".equals(e.type())).extracting(ReceivedEvent::orderId)
                .containsExactly(marker);
        assertThat(ordersWritten()).isEqualTo(before + 1);
    }

    @Test
    void a_repeated_key_replays_the_order_and_another_body_with_it_is_a_409() {
        String sku = catalogueHas(100, 10);
        String key = "key-" + UUID.randomUUID();

        Response first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(order(sku, 1, "tok_ok"))
                .post("/api/orders");
        Response again = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(order(sku, 1, "tok_ok"))
                .post("/api/orders");
        Response other = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(order(sku, 2, "tok_ok"))
                .post("/api/orders");

        assertThat(again.<String>path("orderId")).isEqualTo(first.path("orderId"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        other.then().statusCode(409).body("type", equalTo("https://shoplab.dev/problems/idempotency-key-reused"));
    }

    @Test
    void publishes_nothing_for_work_that_rolled_back() {
        String rolledBack = UUID.randomUUID().toString();
        String sku = catalogueHas(100, 10);

        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.append(rolledBack, new OrderEvents.OrderPlaced("c-1", List.of(new OrderEvents.PlacedLine(sku, 1,
                        100)), 100, "tok_ok"), TraceParent.newRoot());
                throw new IllegalStateException("the order's transaction fails after its event was appended");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        String committed = post(order(sku, 1, "tok_ok")).then().statusCode(202).extract().path("orderId");

        probe.await(BOUND, "OrderPlaced", committed);
        assertThat(probe.about(rolledBack)).isEmpty();
    }

    @Test
    void publishes_nothing_while_another_replicas_relay_holds_the_outbox_and_all_of_it_once_released() throws Exception {
        String sku = catalogueHas(100, 10);
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (Statement relayRound = otherReplica.createStatement()) {
                relayRound.execute("select pg_advisory_xact_lock(" + OutboxRelay.LOCK_KEY + ")");
            }
            String orderId = post(order(sku, 1, "tok_ok")).then().statusCode(202).extract().path("orderId");

            // the order and its OrderPlaced are committed, but this replica's relay stands aside for several rounds
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> probe.about(orderId).isEmpty());
            otherReplica.rollback();

            probe.await(BOUND, "OrderPlaced", orderId);
        }
    }

    @Test
    void answers_404_problems_for_unknown_orders_skus_and_paths() {
        given().get("/api/orders/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://shoplab.dev/problems/order-not-found"));
        given().get("/api/orders/not-an-id").then().statusCode(404)
                .body("type", equalTo("https://shoplab.dev/problems/order-not-found"));
        given().get("/api/inventory/NO-SUCH").then().statusCode(404)
                .body("type", equalTo("https://shoplab.dev/problems/sku-not-found"));
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
