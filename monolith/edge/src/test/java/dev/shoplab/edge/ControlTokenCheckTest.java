package dev.shoplab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin guard takes the lab's control token however a client writes the scheme, and nothing else. */
class ControlTokenCheckTest {

    private final ControlTokenCheck check = new ControlTokenCheck(Optional.of("edge-test-token"));

    @Test
    void takes_the_token_whatever_the_case_of_its_scheme() {
        // RFC 9110 §11.1: the authentication scheme is case-insensitive
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            assertThat(check.whyRefused(scheme + " edge-test-token")).as(scheme).isNull();
        }
    }

    @Test
    void refuses_the_token_in_another_case_another_scheme_or_none() {
        // the token itself is case-sensitive: only its scheme is not
        for (String authorization : new String[] {"Bearer " + "edge-test-token".toUpperCase(Locale.ROOT),
                "Basic edge-test-token", "edge-test-token", "Bearer", "Bearer edge-test-tokenx", "Bearerx edge-test-token"}) {
            assertThat(check.whyRefused(authorization)).as(authorization).contains("does not carry");
        }
        assertThat(check.whyRefused(null)).contains("Authorization: Bearer");
        assertThat(check.whyRefused("  ")).contains("Authorization: Bearer");
    }

    @Test
    void a_service_started_without_a_token_answers_nobody() {
        ControlTokenCheck none = new ControlTokenCheck(Optional.empty());

        assertThat(none.whyRefused("Bearer ")).contains("started without a control token");
        assertThat(none.whyRefused("Bearer edge-test-token")).contains("started without a control token");
    }
}
