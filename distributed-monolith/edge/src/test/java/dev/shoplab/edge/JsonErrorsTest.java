package dev.shoplab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the services say about JSON they cannot read, with the strict reader every service uses. */
class JsonErrorsTest {

    record Line(String sku, Integer quantity) {
    }

    record Order(String customerId, List<Line> lines) {
    }

    private static final ObjectMapper STRICT = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static String describe(String json) {
        return JsonErrors.describe(catchThrowableOfType(JsonProcessingException.class,
                () -> STRICT.readValue(json, Order.class)));
    }

    @Test
    void a_quantity_given_as_a_string_names_the_field_and_the_value() {
        assertThat(describe("{\"customerId\": \"c\", \"lines\": [{\"sku\": \"A\", \"quantity\": \"2\"}]}"))
                .startsWith("lines[0].quantity must be a whole number");
    }

    @Test
    void a_fractional_quantity_is_refused_and_named() {
        assertThat(describe("{\"customerId\": \"c\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1.5}]}"))
                .startsWith("lines[0].quantity");
    }

    @Test
    void a_number_where_a_string_belongs_is_refused_and_named() {
        assertThat(describe("{\"customerId\": 42, \"lines\": []}")).startsWith("customerId must be a string");
    }

    @Test
    void an_array_instead_of_the_object_says_an_object_was_expected() {
        assertThat(describe("[{\"customerId\": \"c\"}]")).isEqualTo("the body must be a JSON object, not an array");
    }

    @Test
    void text_after_the_document_is_refused() {
        assertThat(describe("{\"customerId\": \"c\", \"lines\": []} trailing")).isNotBlank();
        assertThat(describe("{\"customerId\": \"c\"} {\"customerId\": \"d\"}"))
                .startsWith("the body must hold one JSON object and nothing after it");
    }

    @Test
    void a_number_instead_of_the_object_says_a_number() {
        assertThat(describe("1")).isEqualTo("the body must be a JSON object, not a number");
    }

    @Test
    void the_parser_s_advice_on_its_own_settings_is_not_passed_on() {
        assertThat(describe("{\"customerId\": NaN}")).contains("NaN").doesNotContain("enable")
                .doesNotContain("JsonReadFeature");
        assertThat(JsonErrors.plain("Document nesting depth (1001) exceeds the maximum allowed (1000, from"
                + " `StreamReadConstraints.getMaxNestingDepth()`)"))
                .isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void a_document_cut_short_says_the_body_is_not_json_and_names_the_field_it_stopped_in() {
        assertThat(describe("{\"customerId\": \"c\", \"lines\": [")).startsWith("the body is not valid JSON (line 1,")
                .contains(", inside lines: ").contains("end-of-input");
        assertThat(describe("{\"customerId\": \"c\", \"lines\": [{\"sku\": \"A\", \"quantity\": 2"))
                .startsWith("the body is not valid JSON").contains(", inside lines[0]: ").doesNotContain("is invalid");
    }

    @Test
    void a_document_cut_short_says_where_without_the_parser_s_notes_on_its_source() {
        assertThat(describe("{\"customerId\": \"c\"")).contains("end-of-input").contains("start marker at line 1, column 1)")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
    }

    @Test
    void jackson_s_note_on_the_source_is_cut_to_where_it_points_whatever_it_names() {
        assertThat(JsonErrors.plain("Unexpected end-of-input (start marker at [Source: REDACTED (`StreamReadFeature"
                + ".INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #12])"))
                .isEqualTo("Unexpected end-of-input (start marker at byte offset: #12)");
        assertThat(JsonErrors.plain("x at [Source: (String)\"{\"; line: 3, column: 7]")).isEqualTo("x at line 3, column 7");
    }

    @Test
    void a_quantity_beyond_a_whole_number_s_range_names_the_field() {
        assertThat(describe("{\"customerId\": \"c\", \"lines\": [{\"sku\": \"A\", \"quantity\": 99999999999}]}"))
                .startsWith("lines[0].quantity").contains("out of range").doesNotContain("Source");
    }
}
