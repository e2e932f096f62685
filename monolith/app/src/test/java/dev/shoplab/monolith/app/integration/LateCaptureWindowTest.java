package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The late-capture check against a charge that the PSP captures only after the check's window has closed: while the
 * PSP still holds the charge (it waits out a latency fault) a lookup by the order id answers {@code 409
 * charge-in-progress}, which keeps the check going past its window, so the capture is refunded when it comes (ADR
 * 0022). The window is 3 s here (the test profile's 20 s would make the test minutes long); the charge's timeout
 * (3 s) and the lookup's (1 s) are the shipped ones. Sku SKU-0570.
 */
@QuarkusTest
@TestProfile(LateCaptureWindowTest.ShortWindow.class)
class LateCaptureWindowTest extends MonolithTestSupport {

    /** How long the PSP takes to handle the charge: far beyond the window, which closes ≈ 7 s after the order. */
    private static final Duration LATENCY = Duration.ofSeconds(12);

    /** The monolith with a late-capture window of 3 s. */
    public static final class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoplab.psp.late-capture-window", "3s");
        }
    }

    @AfterEach
    void liftFaults() {
        Simulators.liftFaults();
    }

    @Test
    void a_charge_the_psp_captures_after_the_window_has_closed_is_refunded() {
        client().seed(Map.of("SKU-0570", 10));
        Simulators.fault("psp", "{\"latencyMs\": " + LATENCY.toMillis() + "}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0570", 1), null);

        String orderId = order.path("orderId").asText();
        long totalCents = order.path("totalCents").asLong();
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(paymentRecord(orderId)).isEqualTo("UNKNOWN");
        Instant windowCloses = ((Timestamp) MonolithDatabase.value(
                "select check_until from payment.late_capture_checks where order_id = ?::uuid", orderId)).toInstant();
        // the PSP answers lookups at once from now on; the charge itself still waits out the latency it arrived with
        Simulators.liftFaults();

        await("the PSP captures the charge once its latency has passed").atMost(LATENCY.plusSeconds(20))
                .pollInterval(Duration.ofMillis(200)).until(() -> !Simulators.charges(orderId).isEmpty());
        JsonNode charge = Simulators.charges(orderId).get(0);
        assertThat(charge.path("status").asText()).isEqualTo("captured");
        assertThat(Instant.parse(charge.path("createdAt").asText()))
                .as("the scenario: the PSP captured after the late-capture window had closed").isAfter(windowCloses);

        await("the late capture is refunded").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .failFast("the check ended for good without a refund", () -> "NOT_CHARGED".equals(paymentRecord(orderId)))
                .untilAsserted(() -> {
                    List<JsonNode> charges = Simulators.charges(orderId);
                    assertThat(paymentRecord(orderId)).as("payment record").isEqualTo("REFUNDED");
                    assertThat(charges).singleElement().satisfies(c ->
                            assertThat(c.path("refundedCents").asLong()).as("refunded").isEqualTo(totalCents));
                    assertThat(MonolithDatabase.count(
                            "select count(*) from payment.late_capture_checks where order_id = ?::uuid", orderId))
                            .isZero();
                });
    }

    private static Object paymentRecord(String orderId) {
        return MonolithDatabase.value("select status from payment.charges where order_id = ?::uuid", orderId);
    }
}
