package dev.shoplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * What every conformance class shares: the shop under test (an architecture's test subclass says
 * which), its HTTP client, and the assertions on stock and on problems.
 */
public abstract class ConformanceSupport {

    /** Where every problem type lives (docs/DESIGN.md: a stable type per kind of error). */
    public static final String PROBLEM_TYPES = "https://shoplab.dev/problems/";

    /** The shop to test: an architecture's test class answers with its base URL and sync/async flag. */
    protected abstract ShopUnderTest shop();

    protected ShopClient client() {
        return ShopClient.of(shop());
    }

    /** A customer id of its own for each test, so that nothing is shared by accident. */
    protected static String newCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    /** Asserts the stock of a sku: units available and units reserved. */
    protected void assertStock(String sku, int available, int reserved) {
        JsonNode stock = client().stock(sku);
        assertThat(stock.path("sku").asText()).isEqualTo(sku);
        assertThat(stock.path("available").asInt()).as("available units of %s", sku).isEqualTo(available);
        assertThat(stock.path("reserved").asInt()).as("reserved units of %s", sku).isEqualTo(reserved);
    }

    /**
     * Asserts an RFC 9457 problem: the status, {@code application/problem+json}, the type
     * {@code https://shoplab.dev/problems/<kind>}, a title, the status repeated in the body, and a
     * detail that names each of {@code mentions} (so that it says what is wrong).
     */
    protected static JsonNode assertProblem(Answer answer, int status, String kind, String... mentions) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).as("problem type of %s", answer).isEqualTo(PROBLEM_TYPES + kind);
        assertThat(problem.path("title").asText()).as("problem title of %s", answer).isNotBlank();
        assertThat(problem.path("status").asInt()).as("problem status of %s", answer).isEqualTo(status);
        String detail = problem.path("detail").asText();
        assertThat(detail).as("problem detail of %s", answer).isNotBlank();
        for (String mention : mentions) {
            assertThat(detail).as("the detail of %s says what is wrong", answer).contains(mention);
        }
        return problem;
    }
}
