package dev.shoplab.eventdriven.inventory;

import static dev.shoplab.eventdriven.testing.SagaEvents.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.eventdriven.inventory.domain.ReservationStatus;
import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import dev.shoplab.eventdriven.inventory.persistence.StockRow;
import dev.shoplab.eventdriven.messaging.DeadLetters;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.testing.Contract;
import dev.shoplab.eventdriven.testing.EventFlowTestSupport;
import dev.shoplab.eventdriven.testing.EventSender;
import dev.shoplab.eventdriven.testing.ReceivedEvent;
import dev.shoplab.eventdriven.testing.SagaEvents;
import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** inventory-service against a real broker and database: an order event in, the expected events out. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "ed_inventory"), @ResourceArg(name = "kafka", value = "true")})
class InventorySagaTest extends EventFlowTestSupport {

    @Override
    protected String[] expectedTopics() {
        return new String[] {Topics.INVENTORY, Topics.CATALOGUE, Topics.deadLetter(Topics.ORDERS)};
    }

    private static String sku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String order() {
        return UUID.randomUUID().toString();
    }

    private static void seed(String sku, long price, int available) {
        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.JSON)
                .body("{\"items\":[{\"sku\":\"" + sku + "\",\"priceCents\":" + price + ",\"available\":" + available + "}]}")
                .put("/admin/catalogue").then().statusCode(204);
    }

    private StockRow stock(String sku) {
        return sql().one("select * from stock_item where sku = ?", StockRow::read, sku).orElse(null);
    }

    @Test
    void reserves_stock_and_announces_it_with_the_new_levels_when_an_order_is_placed() {
        String sku = sku();
        String other = sku();
        seed(sku, 250, 10);
        seed(other, 100, 5);
        String order = order();

        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line(sku, 3, 250), line(other, 1, 100),
                line(sku, 1, 250)));

        ReceivedEvent reserved = Contract.assertConforms(probe.await(BOUND, "StockReserved", order));
        assertThat(reserved.payload().get("lines").toString()).contains("\"sku\":\"" + sku + "\",\"quantity\":4")
                .contains("\"sku\":\"" + other + "\",\"quantity\":1");
        assertThat(reserved.payload().get("stock").toString())
                .contains("\"sku\":\"" + sku + "\",\"priceCents\":250,\"available\":6,\"reserved\":4");
        assertThat(stock(sku).level()).isEqualTo(new StockLevel(6, 4, 0));
    }

    @Test
    void refuses_the_whole_order_and_holds_nothing_when_one_line_is_short() {
        String plenty = sku();
        String scarce = sku();
        seed(plenty, 100, 50);
        seed(scarce, 100, 1);
        String order = order();

        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line(plenty, 2, 100), line(scarce, 2, 100)));

        ReceivedEvent failed = Contract.assertConforms(probe.await(BOUND, "StockReservationFailed", order));
        assertThat(failed.payload().get("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(failed.payload().get("shortages").toString())
                .contains("{\"sku\":\"" + scarce + "\",\"requested\":2,\"available\":1}");
        assertThat(stock(plenty).available).isEqualTo(50);
        assertThat(stock(scarce).reserved).isZero();
    }

    @Test
    void releases_the_held_stock_as_compensation_when_the_payment_fails_and_passes_the_reason_on() {
        String sku = sku();
        seed(sku, 100, 10);
        String order = order();
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_decline", line(sku, 4, 100)));
        probe.await(BOUND, "StockReserved", order);

        sender.send(Topics.PAYMENTS, SagaEvents.paymentFailed(order, "PAYMENT_DECLINED"));

        ReceivedEvent released = Contract.assertConforms(probe.await(BOUND, "StockReleased", order));
        assertThat(released.payload().get("cause").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(released.payload().get("stock").toString()).contains("\"available\":10,\"reserved\":0");
        assertThat(sql().one("select state from reservation where order_id = ?",
                row -> ReservationStatus.valueOf(row.getString(1)), order).orElseThrow())
                .isEqualTo(ReservationStatus.RELEASED);
        assertThat(stock(sku).level()).isEqualTo(new StockLevel(10, 0, 0));
    }

    @Test
    void sells_the_held_stock_when_the_payment_succeeds() {
        String sku = sku();
        seed(sku, 100, 10);
        String order = order();
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line(sku, 2, 100)));
        probe.await(BOUND, "StockReserved", order);

        sender.send(Topics.PAYMENTS, SagaEvents.paymentSucceeded(order, 200));

        ReceivedEvent committed = Contract.assertConforms(probe.await(BOUND, "StockCommitted", order));
        assertThat(committed.payload().get("stock").toString()).contains("\"available\":8,\"reserved\":0");
        assertThat(stock(sku).level()).isEqualTo(new StockLevel(8, 0, 2));
    }

    @Test
    void applies_a_redelivered_event_only_once() {
        String sku = sku();
        seed(sku, 100, 10);
        String order = order();
        ObjectNode placed = SagaEvents.orderPlaced(order, "tok_ok", line(sku, 3, 100));
        ObjectNode paid = SagaEvents.paymentSucceeded(order, 300);

        sender.send(Topics.ORDERS, placed);
        sender.send(Topics.ORDERS, placed);
        probe.await(BOUND, "StockReserved", order);
        sender.send(Topics.PAYMENTS, paid);
        sender.send(Topics.PAYMENTS, paid);
        ObjectNode lastOrderEvent = sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line(sku, 1, 100)));
        ObjectNode lastPaymentEvent = sender.send(Topics.PAYMENTS, SagaEvents.paymentFailed(order, "PAYMENT_DECLINED"));

        probe.await(BOUND, "StockCommitted", order);
        Awaitility.await("the last deliveries were consumed").atMost(BOUND)
                .until(() -> processed(lastOrderEvent) && processed(lastPaymentEvent));
        assertThat(probe.about(order)).extracting(ReceivedEvent::type)
                .containsExactly("StockReserved", "StockCommitted");
        assertThat(stock(sku).level()).isEqualTo(new StockLevel(7, 0, 3));
    }

    @Test
    void applies_a_burst_with_duplicates_exactly_once_when_a_poll_brings_many_events_together() {
        // Sent back to back, the events reach the consumer in polls of several, applied in one transaction.
        String sku = sku();
        seed(sku, 100, 100);
        List<String> orders = IntStream.range(0, 12).mapToObj(i -> order()).toList();
        List<ObjectNode> placed = orders.stream()
                .map(order -> SagaEvents.orderPlaced(order, "tok_ok", line(sku, 2, 100))).toList();
        placed.forEach(event -> sender.send(Topics.ORDERS, event));
        placed.forEach(event -> sender.send(Topics.ORDERS, event));

        orders.forEach(order -> probe.await(BOUND, "StockReserved", order));
        Awaitility.await("every delivery was consumed").atMost(BOUND)
                .until(() -> placed.stream().allMatch(this::processed));
        orders.forEach(order -> assertThat(probe.about(order)).extracting(ReceivedEvent::type)
                .containsExactly("StockReserved"));
        assertThat(stock(sku).level()).isEqualTo(new StockLevel(76, 24, 0));
    }

    @Test
    void moves_poison_messages_to_the_dead_letter_topic_and_keeps_consuming() {
        String sku = sku();
        seed(sku, 100, 10);
        String order = order();
        ObjectNode unknownType = SagaEvents.orderConfirmed(order, 1);
        unknownType.put("type", "OrderTeleported");
        ObjectNode brokenPayload = SagaEvents.orderPlaced(order, "tok_ok", line(sku, 1, 100));
        ((ObjectNode) brokenPayload.get("payload")).remove("lines");

        sender.send(Topics.ORDERS, order, "{not json".getBytes(StandardCharsets.UTF_8));
        sender.send(Topics.ORDERS, unknownType);
        sender.send(Topics.ORDERS, brokenPayload);
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line(sku, 1, 100)));

        probe.await(BOUND, "StockReserved", order);
        var dead = probe.awaitCount(BOUND, "three dead letters", 3,
                e -> e.topic().equals(Topics.deadLetter(Topics.ORDERS)) && order.equals(e.key()));
        assertThat(dead).extracting(e -> e.header(DeadLetters.REASON)).hasSize(3).satisfiesExactly(
                reason -> assertThat(reason).startsWith("not a JSON event"),
                reason -> assertThat(reason).contains("unknown event type OrderTeleported"),
                reason -> assertThat(reason).contains("lines"));
        assertThat(dead).allSatisfy(e -> assertThat(e.header(DeadLetters.CONSUMER)).isEqualTo("inventory-service"));
    }

    @Test
    void dead_letters_poison_too_large_to_copy_without_its_value_and_keeps_consuming_the_partition() {
        String sku = sku();
        seed(sku, 100, 10);
        String order = order();
        byte[] poison = new byte[3 * 1024 * 1024]; // not JSON, 3 MiB: compressed it fits the broker's 1 MiB limit, as is it does not
        Arrays.fill(poison, (byte) 'x');
        try (EventSender compressing = EventSender.connect(bootstrap, "gzip")) {
            compressing.send(Topics.ORDERS, order, poison);
        }
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line(sku, 1, 100)));

        probe.await(BOUND, "StockReserved", order);
        ReceivedEvent dead = probe.await(BOUND, "the poison's dead letter",
                e -> e.topic().equals(Topics.deadLetter(Topics.ORDERS)) && order.equals(e.key()));
        assertThat(dead.header(DeadLetters.REASON)).startsWith("not a JSON event");
        assertThat(dead.header(DeadLetters.ORIGIN)).startsWith(Topics.ORDERS + "/");
        assertThat(dead.header(DeadLetters.CONSUMER)).isEqualTo("inventory-service");
        assertThat(dead.header(DeadLetters.DROPPED)).startsWith("value of " + poison.length + " bytes");
        assertThat(dead.header(TraceParent.HEADER)).as("the original headers are kept").isNotNull();
        assertThat(dead.value()).isEmpty();
    }

    @Test
    void rejects_a_malformed_seed_with_a_problem_and_changes_nothing() {
        String sku = sku();
        seed(sku, 100, 10);

        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.JSON).body("{\"items\":[{\"sku\":\"" + sku + "\",\"priceCents\":100,"
                        + "\"available\":-1}]}")
                .put("/admin/catalogue").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://shoplab.dev/problems/validation"))
                .body("detail", containsString("available"));
        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.JSON).body("{\"items\":[").put("/admin/catalogue")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.TEXT).body("x").put("/admin/catalogue").then().statusCode(415);

        assertThat(stock(sku).available).isEqualTo(10);
    }

    @Test
    void a_seed_publishes_snapshots_for_the_edge_read_model() {
        String sku = sku();

        seed(sku, 4321, 7);

        ReceivedEvent snapshot = Contract.assertConforms(probe.await(BOUND, "snapshot of " + sku,
                e -> "StockLevelsChanged".equals(e.type()) && e.payload().toString().contains(sku)));
        assertThat(snapshot.orderId()).isNull();
        assertThat(snapshot.payload().get("items").get(0).get("priceCents").asLong()).isEqualTo(4321);
    }
}
