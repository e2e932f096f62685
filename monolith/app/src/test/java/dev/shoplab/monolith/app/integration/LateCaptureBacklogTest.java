package dev.shoplab.monolith.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.RoundsByHand;
import dev.shoplab.monolith.app.support.Simulators;
import dev.shoplab.monolith.payment.application.LateCaptureRefunds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A backlog of late-capture checks — what a PSP that held every charge of a fault's window leaves — is worked off in
 * one round of the job, batch after batch, not {@code 20} a round (a reviewer's reading: at ≈ 7 checks per order
 * within the 2-min window, 20 a second keeps up with fewer than 3 such orders a second). The scheduler's own rounds are
 * an hour apart here, so the round this test starts is the only one. The checks are staged in SQL for orders the PSP
 * never saw, their windows closed: each lookup answers 404 and ends its check.
 */
@QuarkusTest
@TestProfile(RoundsByHand.class)
class LateCaptureBacklogTest extends MonolithTestSupport {

    /** Checks staged: more than two batches. */
    private static final int BACKLOG = 45;

    @Inject
    LateCaptureRefunds refunds;

    @Test
    void one_round_works_off_every_check_that_is_due_not_one_batch() {
        Simulators.liftFaults();
        List<String> staged = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            String orderId = UUID.randomUUID().toString();
            MonolithDatabase.execute("insert into payment.late_capture_checks (order_id, amount_cents, checks_done,"
                    + " next_check_at, check_until) values (?::uuid, 1299, 3, now() - interval '1 second',"
                    + " now() - interval '1 second')", orderId);
            staged.add(orderId);
        }

        refunds.checkDueCharges();

        assertThat(MonolithDatabase.count("select count(*) from payment.late_capture_checks where order_id::text = any(?)",
                (Object) staged.toArray(String[]::new))).as("checks still due after one round").isZero();
    }
}
