package dev.shoplab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which bytes a JSON body may hold: well-formed UTF-8 only (RFC 3629, RFC 8259 §8.1), and where the first bad one is. */
class StrictUtf8BodyTest {

    private static int firstBad(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return StrictUtf8Body.firstByteNotUtf8(b);
    }

    @Test
    void well_formed_text_of_any_length_passes() {
        assertThat(StrictUtf8Body.firstByteNotUtf8(new byte[0])).isEqualTo(-1);
        assertThat(firstBad(0xEF, 0xBB, 0xBF, '{', '}')).isEqualTo(-1); // a byte order mark is a character
        assertThat(firstBad('"', 0xF0, 0x9F, 0x98, 0x80, '"')).isEqualTo(-1); // U+1F600, four bytes
        byte[] text = ("{\"customerId\": \"" + "é€😀".repeat(3000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(StrictUtf8Body.firstByteNotUtf8(text)).as("longer than the decoder's buffer").isEqualTo(-1);
    }

    @Test
    void the_first_byte_that_is_no_utf_8_is_named_by_its_offset() {
        assertThat(firstBad('S', 'K', 'U', 0xC0, 0xAD, '1')).as("an overlong '-'").isEqualTo(3);
        assertThat(firstBad('a', 0xED, 0xA0, 0x80)).as("an encoded surrogate (CESU-8)").isEqualTo(1);
        assertThat(firstBad(0xF4, 0x90, 0x80, 0x80)).as("beyond U+10FFFF").isEqualTo(0);
        assertThat(firstBad('a', 'b', 0xE2, 0x82)).as("a character cut off at the end").isEqualTo(2);
        byte[] late = ("x".repeat(5000) + "\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(StrictUtf8Body.firstByteNotUtf8(late)).as("Latin-1, past the decoder's buffer").isEqualTo(5000);
    }
}
