package dev.shoplab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key that is there must be a key: a client sending an empty one believes it is protected. */
class IdempotencyKeysTest {

    @Test
    void an_absent_header_is_no_key() {
        assertThat(IdempotencyKeys.valid(null, 200)).isNull();
    }

    @Test
    void a_key_is_taken_as_sent() {
        assertThat(IdempotencyKeys.valid("order-7f3a", 200)).isEqualTo("order-7f3a");
    }

    @Test
    void an_empty_blank_overlong_or_unprintable_key_is_a_422_naming_the_header() {
        for (String key : new String[] {"", "   ", "\t", "k".repeat(201), "key\u0085", "key\u0000x"}) {
            ProblemException refused = catchThrowableOfType(ProblemException.class,
                    () -> IdempotencyKeys.valid(key, 200));
            assertThat(refused).as("key %s", key).isNotNull();
            assertThat(refused.problem().status()).isEqualTo(422);
            assertThat(refused.problem().errors()).extracting(Problem.FieldError::field)
                    .containsExactly(IdempotencyKeys.HEADER);
        }
    }

    @Test
    void a_key_sent_twice_is_unusable_even_when_both_lines_agree() {
        for (List<String> keys : List.of(List.of("k-1", "k-2"), List.of("k-1", "k-1"))) {
            Problem refused = IdempotencyKeys.unusable(keys);
            assertThat(refused).as("keys %s", keys).isNotNull();
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.detail()).contains(IdempotencyKeys.HEADER, "2 times");
        }
        assertThat(IdempotencyKeys.unusable(List.of())).isNull();
        assertThat(IdempotencyKeys.unusable(List.of("k-1"))).isNull();
        assertThat(IdempotencyKeys.unusable(List.of(" "))).isNotNull();
    }
}
