package dev.shoplab.distributed.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** notification-service against a real PostgreSQL and the mail simulator (called directly here, through the mesh in the lab). */
@QuarkusTest
class NotificationApiTest {

    @AfterEach
    void healTheMailProvider() {
        given().header("Authorization", RealInfrastructure.adminAuthorization()).delete(admin() + "/admin/faults/mail").then().statusCode(200);
    }

    @Test
    void a_notification_is_one_mail_with_the_order_id_and_the_notification_id_as_message_id() {
        UUID order = UUID.randomUUID();

        Response answer = notify(order, "Ada.L", "order-confirmed");

        answer.then().statusCode(201).body("status", equalTo("SENT"))
                .body("recipient", equalTo("ada.l@customers.shoplab.invalid"));
        List<Map<String, Object>> mails = mails(order);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).containsEntry("kind", "order-confirmed")
                .containsEntry("messageId", answer.jsonPath().getString("notificationId"))
                .containsEntry("to", "ada.l@customers.shoplab.invalid");
    }

    @Test
    void a_mail_provider_answering_503_makes_the_notification_a_502_problem_and_failed() {
        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.JSON).body("{\"errorRate\": 1.0}").put(admin() + "/admin/faults/mail")
                .then().statusCode(200);
        UUID order = UUID.randomUUID();

        notify(order, "c-1", "order-failed").then().statusCode(502).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://shoplab.dev/problems/mail-unavailable"));

        given().get("/api/notifications?orderId=" + order).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("FAILED"));
        assertThat(mails(order)).isEmpty();
    }

    @Test
    void the_same_request_twice_is_two_mails() {
        // what happens when the mesh retries order-service's call after the first try did send
        UUID order = UUID.randomUUID();

        notify(order, "c-2", "order-rejected").then().statusCode(201);
        notify(order, "c-2", "order-rejected").then().statusCode(201);

        assertThat(mails(order)).hasSize(2);
    }

    @Test
    void an_unknown_kind_is_a_422_problem_that_lists_the_kinds() {
        notify(UUID.randomUUID(), "c-3", "order-shipped").then().statusCode(422)
                .body("type", equalTo("https://shoplab.dev/problems/validation"))
                .body("detail", equalTo("kind must be one of order-confirmed|order-rejected|order-failed"));
    }

    private static Response notify(UUID order, String customer, String kind) {
        return given().contentType(ContentType.JSON)
                .body("{\"orderId\": \"" + order + "\", \"customerId\": \"" + customer + "\", \"kind\": \"" + kind + "\"}")
                .post("/api/notifications");
    }

    private static List<Map<String, Object>> mails(UUID order) {
        return given().header("Authorization", RealInfrastructure.adminAuthorization()).get(admin() + "/admin/mail/ledger").jsonPath()
                .getList("messages.findAll { it.orderId == '" + order + "' }");
    }

    private static String admin() {
        return ConfigProvider.getConfig().getValue("shoplab.simulators.admin-url", String.class);
    }
}
