package dev.shoplab.simulators;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the simulator tests: resets the simulators before each test, finds where the
 * providers listen (their ports are random in tests) and reads the admin API.
 */
abstract class SimulatorsTestSupport {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEMS = "https://shoplab.dev/problems/";

    final Http http = new Http();
    String psp;
    String mail;
    String admin;

    @BeforeEach
    void resetSimulatorsAndFindThem() {
        given().post("/admin/reset").then().statusCode(204);
        JsonPath endpoints = given().get("/admin/endpoints").then().statusCode(200).extract().jsonPath();
        psp = endpoints.getString("psp");
        mail = endpoints.getString("mail");
        admin = endpoints.getString("admin");
    }

    static JsonPath stats() {
        return given().get("/admin/stats").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath pspLedger() {
        return given().get("/admin/psp/ledger").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath mailLedger() {
        return given().get("/admin/mail/ledger").then().statusCode(200).extract().jsonPath();
    }

    static void setFaults(String target, String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/faults/" + target).then().statusCode(200);
    }

    static void clearFaults(String target) {
        given().delete("/admin/faults/" + target).then().statusCode(200);
    }

    static String charge(long amountCents, String token, String key) {
        return "{\"amountCents\":" + amountCents + ",\"token\":\"" + token + "\""
                + (key == null ? "" : ",\"idempotencyKey\":\"" + key + "\"") + "}";
    }
}
