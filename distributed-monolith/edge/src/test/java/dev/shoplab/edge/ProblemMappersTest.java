package dev.shoplab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures count as the database being away (503, repeat later) and which never do. */
class ProblemMappersTest {

    @Test
    void a_lost_connection_or_an_exhausted_pool_is_the_database_being_away() {
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("Sorry, acquisition timeout!"))).isTrue();
    }

    @Test
    void a_broken_constraint_is_a_fault_of_the_shop_not_an_outage() {
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemMappers.databaseUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void a_value_the_database_refuses_is_never_an_outage_because_a_retry_cannot_succeed() {
        // PostgreSQL refuses a 0x00 byte in text with SQLSTATE 22021 (character_not_in_repertoire)
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException(
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
    }
}
