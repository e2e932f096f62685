package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.conformance.Answer;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /admin/catalogue} (the lab's seed, an operator's restock) while an order waits on the PSP between
 * its two transactions: the reload sets price and available units and keeps the units that order holds, so the
 * order's second transaction sells or releases them as if nothing happened — it concludes, the client gets its
 * 201, and nothing is left PENDING for the recovery job. (A reload that put {@code reserved} back to 0 made that
 * transaction break {@code reserved >= 0}: a 500, and an order the recovery job retried forever.)
 * Skus SKU-0571 … SKU-0580.
 */
@QuarkusTest
class CatalogueReloadTest extends MonolithTestSupport {

    /** How long the PSP takes to answer: under the shop's 3 s timeout, far longer than a reload takes. */
    private static final long PSP_LATENCY_MS = 2000;
    private static final int QUANTITY = 2;

    @AfterEach
    void liftFaults() {
        Simulators.liftFaults();
    }

    @Test
    void an_order_waiting_on_the_psp_during_a_reload_is_confirmed_and_sells_the_units_it_held() {
        String sku = "SKU-0571";
        Reload reload = placeAndReloadWhileItWaits(sku, "tok_ok", 10, 20);
        Answer answer = reload.answer();

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        assertThat(answer.json().path("status").asText()).isEqualTo("CONFIRMED");
        reload.assertUnitsHeldSurvivedIt();
        // the reload's 20 units stay for sale; the 2 the order held were sold
        assertStock(sku, 20, 0);
        assertNothingPending(sku);
        assertThat(MonolithDatabase.value("select status from payment.charges where order_id = ?::uuid",
                answer.json().path("orderId").asText())).isEqualTo("CAPTURED");
    }

    @Test
    void an_order_declined_after_a_reload_gives_the_units_it_held_back() {
        String sku = "SKU-0572";
        Reload reload = placeAndReloadWhileItWaits(sku, "tok_decline", 10, 20);
        Answer answer = reload.answer();

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        assertThat(answer.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.json().path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        reload.assertUnitsHeldSurvivedIt();
        // the reload's 20 units, and the 2 the order held back on the shelf
        assertStock(sku, 20 + QUANTITY, 0);
        assertNothingPending(sku);
    }

    /** The order's answer, and the stock of its sku as the reload left it (read while the order still waited). */
    private record Reload(Answer answer, int reloaded, JsonNode stockAfterReload) {

        void assertUnitsHeldSurvivedIt() {
            assertThat(stockAfterReload.path("available").asInt()).as("available after the reload").isEqualTo(reloaded);
            assertThat(stockAfterReload.path("reserved").asInt()).as("units the waiting order held, after the reload")
                    .isEqualTo(QUANTITY);
        }
    }

    /**
     * Seeds {@code sku} with {@code seeded} units, places an order of {@link #QUANTITY} with a slow PSP, reloads the
     * catalogue with {@code reloaded} units once the order holds its units, and waits (bounded) for the order's answer.
     */
    private Reload placeAndReloadWhileItWaits(String sku, String token, int seeded, int reloaded) {
        client().seed(Map.of(sku, seeded));
        Simulators.fault("psp", "{\"latencyMs\": " + PSP_LATENCY_MS + "}");
        String customer = newCustomer();

        CompletableFuture<Answer> placed = CompletableFuture.supplyAsync(() ->
                client().placeOrder(orderBody(customer, token, sku, QUANTITY), null));
        // the first transaction has committed: the order is PENDING, its units reserved, the PSP asked
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(client().stock(sku).path("reserved").asInt()).isEqualTo(QUANTITY));

        client().seed(Map.of(sku, reloaded));

        JsonNode stockAfterReload = client().stock(sku);
        assertThat(MonolithDatabase.value("select status from orders.orders where customer_id = ?", customer))
                .as("the reload came while the order waited on the PSP").isEqualTo("PENDING");
        return new Reload(placed.orTimeout(30, TimeUnit.SECONDS).join(), reloaded, stockAfterReload);
    }

    private static void assertNothingPending(String sku) {
        assertThat(MonolithDatabase.count("select count(*) from orders.orders o join orders.order_lines l"
                + " on l.order_id = o.id where l.sku = ? and o.status = 'PENDING'", sku))
                .as("orders of %s left PENDING for the recovery job", sku).isZero();
    }
}
