package dev.shoplab.distributed.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** payment-service against a real PostgreSQL and the PSP simulator (called directly here, through the mesh in the lab). */
@QuarkusTest
class PaymentApiTest {

    private static final String PROBLEM = "application/problem+json";

    @AfterEach
    void healThePsp() {
        given().header("Authorization", RealInfrastructure.adminAuthorization()).delete(admin() + "/admin/faults/psp").then().statusCode(200);
    }

    @Test
    void a_captured_charge_carries_the_order_id_as_reference_and_the_payment_id_as_idempotency_key() {
        UUID order = UUID.randomUUID();

        Response answer = charge(order, 1250, "tok_ok");

        answer.then().statusCode(201).body("status", equalTo("CAPTURED")).body("amountCents", equalTo(1250));
        String paymentId = answer.jsonPath().getString("paymentId");
        List<Map<String, Object>> charges = pspCharges(order);
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0)).containsEntry("idempotencyKey", paymentId).containsEntry("status", "captured")
                .containsEntry("amountCents", 1250);
    }

    @Test
    void a_declined_token_is_a_402_problem_and_the_payment_is_kept_as_declined() {
        UUID order = UUID.randomUUID();

        charge(order, 900, "tok_decline").then().statusCode(402).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/payment-declined"));

        given().get("/api/payments?orderId=" + order).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("DECLINED"));
    }

    @Test
    void a_psp_answering_503_makes_the_charge_a_502_problem_and_the_payment_failed() {
        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.JSON).body("{\"errorRate\": 1.0}").put(admin() + "/admin/faults/psp")
                .then().statusCode(200);
        UUID order = UUID.randomUUID();

        charge(order, 700, "tok_ok").then().statusCode(502).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/psp-unavailable"));

        given().get("/api/payments?orderId=" + order).then().statusCode(200).body("[0].status", equalTo("FAILED"));
    }

    @Test
    void the_same_charge_request_twice_is_two_payments_and_two_captures_at_the_psp() {
        // what happens when the mesh retries order-service's call after the first try did capture
        UUID order = UUID.randomUUID();

        charge(order, 500, "tok_ok").then().statusCode(201);
        charge(order, 500, "tok_ok").then().statusCode(201);

        assertThat(pspCharges(order)).hasSize(2).allSatisfy(c -> assertThat(c).containsEntry("status", "captured"));
    }

    @Test
    void a_captured_payment_is_refunded_once_however_often_it_is_asked() {
        UUID order = UUID.randomUUID();
        String paymentId = charge(order, 1999, "tok_ok").jsonPath().getString("paymentId");

        given().post("/api/payments/" + paymentId + "/refund").then().statusCode(200).body("status", equalTo("REFUNDED"));
        given().post("/api/payments/" + paymentId + "/refund").then().statusCode(200).body("status", equalTo("REFUNDED"));

        JsonPath ledger = given().header("Authorization", RealInfrastructure.adminAuthorization()).get(admin() + "/admin/psp/ledger").jsonPath();
        String chargeId = pspCharges(order).get(0).get("chargeId").toString();
        List<Map<String, Object>> refunds = ledger.getList("refunds.findAll { it.chargeId == '" + chargeId + "' }");
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0)).containsEntry("amountCents", 1999);
    }

    @Test
    void refunding_a_declined_payment_is_a_409_problem() {
        UUID order = UUID.randomUUID();
        charge(order, 300, "tok_decline").then().statusCode(402);
        String paymentId = given().get("/api/payments?orderId=" + order).jsonPath().getString("[0].paymentId");

        given().post("/api/payments/" + paymentId + "/refund").then().statusCode(409)
                .body("type", equalTo("https://shoplab.dev/problems/payment-not-refundable"));
    }

    @Test
    void a_charge_without_an_amount_is_a_422_validation_problem_and_nothing_reaches_the_psp() {
        UUID order = UUID.randomUUID();

        given().contentType(ContentType.JSON).body("{\"orderId\": \"" + order + "\", \"paymentToken\": \"tok_ok\"}")
                .post("/api/payments").then().statusCode(422)
                .body("type", equalTo("https://shoplab.dev/problems/validation"))
                .body("detail", startsWith("amountCents"));

        assertThat(pspCharges(order)).isEmpty();
    }

    private static Response charge(UUID order, long amountCents, String token) {
        return given().contentType(ContentType.JSON)
                .body("{\"orderId\": \"" + order + "\", \"amountCents\": " + amountCents + ", \"paymentToken\": \""
                        + token + "\"}")
                .post("/api/payments");
    }

    private static List<Map<String, Object>> pspCharges(UUID order) {
        return given().header("Authorization", RealInfrastructure.adminAuthorization()).get(admin() + "/admin/psp/ledger").jsonPath()
                .getList("charges.findAll { it.reference == '" + order + "' }");
    }

    private static String admin() {
        return ConfigProvider.getConfig().getValue("shoplab.simulators.admin-url", String.class);
    }
}
