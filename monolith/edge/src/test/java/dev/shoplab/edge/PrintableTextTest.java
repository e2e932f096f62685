package dev.shoplab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The characters a text field, a path segment or a query parameter may hold ({@link PrintableText}), as properties
 * over generated strings (jqwik): any control character or unpaired surrogate anywhere is found at its position;
 * printable text of any script, emoji included, passes.
 */
class PrintableTextTest {

    @Property
    void printable_text_of_any_script_passes(@ForAll("printable") String text) {
        assertThat(PrintableText.Check.firstForbidden(text)).isEmpty();
        assertThat(EdgeFilters.unprintablePart("/api/inventory/" + text.replace("/", "").replace("%", ""), null))
                .isNull();
    }

    @Property
    void a_control_character_anywhere_is_found_where_it_is(@ForAll("printable") String before,
                                                            @ForAll("control") char control,
                                                            @ForAll("printable") String after) {
        String text = before + control + after;

        assertThat(PrintableText.Check.firstForbidden(text)).hasValue(before.length());
        assertThat(PrintableText.Check.whatIsWrong(text)).contains(String.format("U+%04X", (int) control))
                .contains("control character").contains("position " + (before.length() + 1));
    }

    @Property
    void half_a_surrogate_pair_is_found(@ForAll("printable") String before,
                                        @ForAll @CharRange(from = '\uD800', to = '\uDFFF') char half,
                                        @ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'z') String after) {
        String text = before + half + after;

        assertThat(PrintableText.Check.firstForbidden(text)).hasValue(before.length());
        assertThat(PrintableText.Check.whatIsWrong(text)).contains("surrogate");
    }

    @Property
    void a_percent_encoded_control_character_in_a_path_or_query_is_refused(@ForAll("control") char control) {
        String escaped = String.format("%%%02X", (int) control);
        if (control >= 0x80) {
            // as UTF-8: U+0080–U+009F are two bytes, C2 80 … C2 9F
            escaped = String.format("%%C2%%%02X", (int) control);
        }

        assertThat(EdgeFilters.unprintablePart("/api/inventory/SKU-" + escaped, null))
                .contains("path segment 'SKU-" + escaped + "'").contains("control character");
        assertThat(EdgeFilters.unprintablePart("/api/payments", "orderId=a" + escaped))
                .contains("query parameter 'orderId'").contains("control character");
    }

    @Property
    void a_percent_sign_that_escapes_nothing_is_refused(@ForAll @CharRange(from = 'g', to = 'z') char notHex) {
        assertThat(EdgeFilters.unprintablePart("/api/orders/ab%" + notHex + "1", null)).contains("escape it as %25");
    }

    @Property
    void percent_escaped_bytes_that_are_not_utf8_are_refused(@ForAll @CharRange(from = '\uD800', to = '\uDFFF') char half) {
        // what a lone surrogate would be in UTF-8 (ED A0 80 …): no UTF-8 decoder accepts it
        String escaped = String.format("%%%02X%%%02X%%%02X", 0xE0 | (half >> 12), 0x80 | ((half >> 6) & 0x3F),
                0x80 | (half & 0x3F));

        assertThat(EdgeFilters.unprintablePart("/api/inventory/SKU" + escaped, null)).contains("not UTF-8");
    }

    @Property
    void percent_escaped_printable_text_passes(@ForAll("printable") String text) {
        String escaped = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(EdgeFilters.unprintablePart("/api/inventory/" + escaped, "q=" + escaped)).isNull();
    }

    @Provide
    Arbitrary<String> printable() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12);
        Arbitrary<String> letters = Arbitraries.strings().withCharRange('\u00A0', '\uD7FF').ofMaxLength(6);
        Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString);
        return Combinators.combine(plain, letters, emoji).as((a, b, c) -> a + b + c);
    }

    @Provide
    Arbitrary<Character> control() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001F'), Arbitraries.chars().range('\u007F', '\u009F'));
    }
}
