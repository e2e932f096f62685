package dev.shoplab.monolith.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How the edge words what is wrong with a body, and which failures count as the database being away. */
class ProblemMappersTest {

    private final ObjectMapper json = strictJson();

    @Test
    void names_the_field_and_the_expected_type_of_a_mistyped_value() {
        assertThat(detailOf("{\"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": \"abc\"}]}"))
                .startsWith("lines[0].quantity must be a whole number");
        assertThat(detailOf("{\"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1.5}]}"))
                .startsWith("lines[0].quantity must be a whole number");
        assertThat(detailOf("{\"customerId\": 42}")).startsWith("customerId must be a string");
        assertThat(detailOf("{\"lines\": {\"sku\": \"SKU-0001\"}}")).startsWith("lines must be an array");
    }

    @Test
    void says_when_the_body_is_not_an_object_or_not_json_at_all() {
        assertThat(detailOf("[]")).isEqualTo("the body must be a JSON object, not an array");
        assertThat(detailOf("{\"customerId\": ")).startsWith("the body is not valid JSON");
        assertThat(detailOf("{} trailing")).startsWith("the body is not valid JSON");
    }

    @Test
    void a_lost_connection_or_an_exhausted_pool_is_the_database_being_away() {
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("Sorry, acquisition timeout!"))).isTrue();
    }

    @Test
    void a_broken_constraint_is_a_fault_of_the_shop_not_an_outage() {
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemMappers.databaseUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    private String detailOf(String body) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> json.readValue(body, OrderRequest.class));
        assertThat(e).as("reading %s fails", body).isNotNull();
        return ProblemMappers.describe(e);
    }

    private static ObjectMapper strictJson() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
