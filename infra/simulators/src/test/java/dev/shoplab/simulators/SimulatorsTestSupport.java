package dev.shoplab.simulators;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the simulator tests: resets the simulators before each test, finds where the
 * providers listen (their ports are random in tests) and reads the admin API.
 */
abstract class SimulatorsTestSupport {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEMS = "https://shoplab.dev/problems/";
    /** The control token of the test profile (application.properties). */
    static final String TOKEN = "simulators-test-token";
    /** The {@code Authorization} header value every admin call sends. */
    static final String CONTROL_TOKEN = "Bearer " + TOKEN;

    final Http http = new Http();
    String psp;
    String mail;
    String admin;

    @BeforeEach
    void resetSimulatorsAndFindThem() {
        admin().post("/admin/reset").then().statusCode(204);
        JsonPath endpoints = admin().get("/admin/endpoints").then().statusCode(200).extract().jsonPath();
        psp = endpoints.getString("psp");
        mail = endpoints.getString("mail");
        admin = endpoints.getString("admin");
    }

    /** A request to the admin API, with the control token. */
    static RequestSpecification admin() {
        return RestAssured.given().header("Authorization", CONTROL_TOKEN);
    }

    static JsonPath stats() {
        return admin().get("/admin/stats").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath pspLedger() {
        return admin().get("/admin/psp/ledger").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath mailLedger() {
        return admin().get("/admin/mail/ledger").then().statusCode(200).extract().jsonPath();
    }

    static void setFaults(String target, String json) {
        admin().contentType(ContentType.JSON).body(json).put("/admin/faults/" + target).then().statusCode(200);
    }

    static void clearFaults(String target) {
        admin().delete("/admin/faults/" + target).then().statusCode(200);
    }

    static String charge(long amountCents, String token, String key) {
        return "{\"amountCents\":" + amountCents + ",\"token\":\"" + token + "\""
                + (key == null ? "" : ",\"idempotencyKey\":\"" + key + "\"") + "}";
    }
}
