package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void retries_a_step_that_throws_an_exception_and_stays_alive() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop("test-loop", Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
            if (rounds.incrementAndGet() < 3) {
                throw new IllegalStateException("test: the database is down");
            }
            return false;
        }).start();
        try {
            Awaitility.await("the third round").atMost(BOUND).until(() -> rounds.get() >= 3);
            assertThat(loop.died()).isEmpty();
        } finally {
            loop.close();
        }
        assertThat(loop.died()).isEmpty();
    }

    @Test
    void reports_itself_dead_with_its_name_and_the_cause_when_an_error_ends_its_thread() {
        BackgroundLoop loop = new BackgroundLoop("test-relay", Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
            throw new NoClassDefFoundError("test/Missing");
        }).start();
        try {
            Awaitility.await("the loop reports its death").atMost(BOUND).until(() -> loop.died().isPresent());
            assertThat(loop.died()).hasValueSatisfying(death -> assertThat(death).startsWith("test-relay died")
                    .contains("NoClassDefFoundError").contains("test/Missing"));
        } finally {
            loop.close();
        }
    }
}
