package dev.shoplab.eventdriven.payment;

import static dev.shoplab.eventdriven.testing.SagaEvents.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.payment.application.Payments;
import dev.shoplab.eventdriven.payment.domain.PaymentStatus;
import dev.shoplab.eventdriven.payment.persistence.PaymentRow;
import dev.shoplab.eventdriven.testing.Contract;
import dev.shoplab.eventdriven.testing.EventFlowTestSupport;
import dev.shoplab.eventdriven.testing.ReceivedEvent;
import dev.shoplab.eventdriven.testing.SagaEvents;
import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * payment-service against a real broker, database and PSP simulator: order and stock facts in, payment
 * facts out, and the PSP's ledger as the witness of money moved. The test profile bounds retries at 3.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "ed_payment"), @ResourceArg(name = "kafka", value = "true"),
        @ResourceArg(name = "simulators", value = "true")})
class PaymentSagaTest extends EventFlowTestSupport {

    @Override
    protected String[] expectedTopics() {
        return new String[] {Topics.PAYMENTS};
    }

    private static String order() {
        return UUID.randomUUID().toString();
    }

    private void placeAndReserve(String order, String token, long unitPrice, int quantity) {
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, token, line("SKU-0001", quantity, unitPrice)));
        sender.send(Topics.INVENTORY, SagaEvents.stockReserved(order, "SKU-0001", quantity));
    }

    private PaymentRow payment(String order) {
        return sql().one("select * from payment where order_id = ?", PaymentRow::read, order).orElse(null);
    }

    @Test
    void charges_the_order_total_once_the_stock_is_reserved_and_announces_it() {
        String order = order();

        placeAndReserve(order, "tok_ok", 1250, 2);

        ReceivedEvent succeeded = Contract.assertConforms(probe.await(BOUND, "PaymentSucceeded", order));
        assertThat(succeeded.payload().get("amountCents").asLong()).isEqualTo(2500);
        var charges = providers().chargesWithKey(Payments.chargeKey(order));
        assertThat(charges).singleElement().satisfies(c -> {
            assertThat(c.get("status").asText()).isEqualTo("captured");
            assertThat(c.get("amountCents").asLong()).isEqualTo(2500);
            assertThat(c.get("chargeId").asText()).isEqualTo(succeeded.payload().get("chargeId").asText());
        });
    }

    @Test
    void charges_when_the_stock_reservation_arrives_before_the_order() {
        String order = order();

        sender.send(Topics.INVENTORY, SagaEvents.stockReserved(order, "SKU-0001", 1));
        Awaitility.await().atMost(BOUND).until(() -> payment(order) != null
                && payment(order).state == PaymentStatus.AWAITING_ORDER);
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line("SKU-0001", 1, 700)));

        probe.await(BOUND, "PaymentSucceeded", order);
    }

    @Test
    void moves_no_money_when_the_stock_could_not_be_reserved() {
        String order = order();

        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line("SKU-0001", 1, 700)));
        sender.send(Topics.INVENTORY, SagaEvents.stockReservationFailed(order, "SKU-0001"));

        Awaitility.await().atMost(BOUND).until(() -> payment(order) != null
                && payment(order).state == PaymentStatus.CANCELLED);
        assertThat(providers().chargesWithKey(Payments.chargeKey(order))).isEmpty();
    }

    @Test
    void reports_a_declined_card_as_a_business_failure() {
        String order = order();

        placeAndReserve(order, "tok_decline", 500, 1);

        ReceivedEvent failed = Contract.assertConforms(probe.await(BOUND, "PaymentFailed", order));
        assertThat(failed.payload().get("reason").asText()).isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void gives_up_after_the_retry_bound_when_the_psp_refuses_connections_and_moves_no_money() {
        providers().faults("psp", "{\"down\":true}");
        String order = order();

        placeAndReserve(order, "tok_ok", 500, 1);

        ReceivedEvent failed = Contract.assertConforms(probe.await(BOUND, "PaymentFailed", order));
        assertThat(failed.payload().get("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        assertThat(failed.payload().get("attempts").asInt()).isEqualTo(3);
        assertThat(payment(order).state).isEqualTo(PaymentStatus.GAVE_UP);
        providers().liftFaults("psp");
        assertThat(providers().chargesWithKey(Payments.chargeKey(order))).isEmpty();
    }

    @Test
    void refunds_a_capture_that_surfaces_after_it_gave_up_on_lost_answers() {
        providers().faults("psp", "{\"timeoutRate\":1.0}");
        String order = order();

        placeAndReserve(order, "tok_ok", 900, 1);

        ReceivedEvent failed = probe.await(BOUND, "PaymentFailed", order);
        assertThat(failed.payload().get("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        assertThat(payment(order).state).isEqualTo(PaymentStatus.RECONCILING);
        providers().liftFaults("psp");

        ReceivedEvent refunded = Contract.assertConforms(probe.await(BOUND, "PaymentRefunded", order));
        assertThat(refunded.payload().get("amountCents").asLong()).isEqualTo(900);
        var charge = providers().chargesWithKey(Payments.chargeKey(order));
        assertThat(charge).singleElement().satisfies(c -> assertThat(c.get("refundedCents").asLong()).isEqualTo(900));
        assertThat(payment(order).state).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void refunds_a_capture_whose_answer_was_never_recorded_when_the_psp_is_unavailable_for_every_later_attempt() {
        String order = order();
        refuseToRecordTheCaptureOf(order);
        try {
            placeAndReserve(order, "tok_ok", 800, 1);
            Awaitility.await("the PSP captured the first attempt").atMost(BOUND)
                    .until(() -> !providers().chargesWithKey(Payments.chargeKey(order)).isEmpty());
            providers().faults("psp", "{\"errorRate\":1.0}");

            ReceivedEvent failed = probe.await(BOUND, "PaymentFailed", order);
            assertThat(failed.payload().get("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
            assertThat(failed.payload().get("attempts").asInt()).as("the attempt whose answer was lost counts")
                    .isEqualTo(3);
            assertThat(payment(order).state).isEqualTo(PaymentStatus.RECONCILING);
        } finally {
            sql().update("drop trigger if exists refuse_to_record_a_capture on payment");
        }
        providers().liftFaults("psp");

        ReceivedEvent refunded = Contract.assertConforms(probe.await(BOUND, "PaymentRefunded", order));
        assertThat(refunded.payload().get("amountCents").asLong()).isEqualTo(800);
        assertThat(providers().chargesWithKey(Payments.chargeKey(order)))
                .singleElement().satisfies(c -> assertThat(c.get("refundedCents").asLong()).isEqualTo(800));
        assertThat(payment(order).state).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void refunds_a_capture_the_psp_makes_after_the_settle_window_closed_while_it_still_held_the_charge() {
        // Every attempt times out (500 ms) while the PSP holds it for its latency; giving up, the payment reconciles
        // for its settle window (3 s). Once the fault is lifted the lookups are answered at once, but the attempts
        // still wait out the latency they arrived with: the capture comes after the window. While the PSP holds the
        // charge, the lookup answers 409 charge-in-progress, which keeps the payment looking (ADR 0022).
        Duration latency = Duration.ofSeconds(12);
        providers().faults("psp", "{\"latencyMs\":" + latency.toMillis() + "}");
        String order = order();

        placeAndReserve(order, "tok_ok", 600, 1);

        ReceivedEvent failed = probe.await(BOUND, "PaymentFailed", order);
        assertThat(failed.payload().get("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        assertThat(payment(order).state).isEqualTo(PaymentStatus.RECONCILING);
        Instant windowCloses = payment(order).reconcileUntil;
        providers().liftFaults("psp");

        Awaitility.await("the PSP captures the held charge once its latency has passed").atMost(latency.plus(BOUND))
                .until(() -> !providers().chargesWithKey(Payments.chargeKey(order)).isEmpty());
        assertThat(providers().chargesWithKey(Payments.chargeKey(order))).singleElement().satisfies(c -> {
            assertThat(c.get("status").asText()).isEqualTo("captured");
            assertThat(Instant.parse(c.get("createdAt").asText()))
                    .as("the scenario: the PSP captured after the settle window had closed").isAfter(windowCloses);
        });
        Awaitility.await("the payment settles").atMost(BOUND).until(() -> payment(order).state.terminal());
        assertThat(payment(order).state).as("a capture made after the window is refunded, not kept")
                .isEqualTo(PaymentStatus.REFUNDED);
        ReceivedEvent refunded = Contract.assertConforms(probe.await(BOUND, "PaymentRefunded", order));
        assertThat(refunded.payload().get("amountCents").asLong()).isEqualTo(600);
        assertThat(providers().chargesWithKey(Payments.chargeKey(order)))
                .singleElement().satisfies(c -> assertThat(c.get("refundedCents").asLong()).isEqualTo(600));
    }

    /**
     * Makes every transaction that would record {@code order}'s payment as CAPTURED fail, as one does when PostgreSQL
     * restarts or the process dies between the PSP's answer and its commit: the capture is at the PSP, the payment
     * row never learns of it.
     */
    private void refuseToRecordTheCaptureOf(String order) {
        sql().update("""
                create or replace function refuse_to_record_a_capture() returns trigger language plpgsql as $$
                begin
                    raise exception 'test: the transaction recording the capture of % fails', new.order_id;
                end $$""");
        sql().update("drop trigger if exists refuse_to_record_a_capture on payment");
        sql().update("create trigger refuse_to_record_a_capture before update on payment for each row"
                + " when (new.state = 'CAPTURED' and new.order_id = '" + UUID.fromString(order) + "')"
                + " execute function refuse_to_record_a_capture()");
    }

    @Test
    void reports_its_consumer_relay_and_worker_threads_alive_to_liveness_and_readiness() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'messaging-loops' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'messaging-loops' }.data.dead", equalTo("none"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'messaging' }.data.loops", equalTo(true));
    }

    @Test
    void a_redelivered_stock_reservation_never_charges_twice() {
        String order = order();
        ObjectNode reserved = SagaEvents.stockReserved(order, "SKU-0001", 1);
        sender.send(Topics.ORDERS, SagaEvents.orderPlaced(order, "tok_ok", line("SKU-0001", 1, 300)));
        sender.send(Topics.INVENTORY, reserved);
        probe.await(BOUND, "PaymentSucceeded", order);

        sender.send(Topics.INVENTORY, reserved);
        ObjectNode last = sender.send(Topics.INVENTORY, SagaEvents.stockReserved(order, "SKU-0001", 1));
        Awaitility.await("the last redelivery was consumed").atMost(BOUND).until(() -> processed(last));

        assertThat(probe.about(order).stream().filter(e -> "PaymentSucceeded".equals(e.type()))).hasSize(1);
        assertThat(providers().chargesWithKey(Payments.chargeKey(order))).hasSize(1);
    }
}
