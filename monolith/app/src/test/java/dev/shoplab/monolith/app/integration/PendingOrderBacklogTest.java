package dev.shoplab.monolith.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.OrdersLeftPending;
import dev.shoplab.monolith.app.support.RoundsByHand;
import dev.shoplab.monolith.app.support.Simulators;
import dev.shoplab.monolith.order.application.PendingOrderRecovery;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog of orders left PENDING — what a crash under load leaves, hundreds of them — is concluded in one round of
 * the recovery job, batch after batch, not {@code 20} a round; an order the round cannot conclude is passed over once,
 * not read again by every batch behind it. The scheduler's own rounds are an hour apart here: the test starts the
 * round it looks at (the scheduler's first, at start-up, may run alongside the first test; what is asserted holds
 * either way). The orders are staged in SQL a minute or two old (stale), their charges never made: each lookup
 * answers 404 and the order fails, its stock released. Skus SKU-0590, SKU-0591.
 */
@QuarkusTest
@TestProfile(RoundsByHand.class)
class PendingOrderBacklogTest extends MonolithTestSupport {

    /** Orders staged: more than two batches. */
    private static final int BACKLOG = 45;

    /**
     * Orders whose conclusion fails every time, staged ahead of the backlog: more than a batch, so that a whole batch
     * concludes nothing while the PSP answers every lookup.
     */
    private static final int BAD = 25;

    @Inject
    PendingOrderRecovery recovery;

    private final List<String> staged = new ArrayList<>();

    @AfterEach
    void removeWhatStaysPending() {
        // the units of what stays PENDING go with it: nothing holds them any more
        String[] ids = staged.toArray(String[]::new);
        MonolithDatabase.execute("delete from orders.order_lines where order_id::text = any(?) and order_id in"
                + " (select id from orders.orders where status = 'PENDING')", (Object) ids);
        MonolithDatabase.execute("delete from orders.orders where id::text = any(?) and status = 'PENDING'", (Object) ids);
        MonolithDatabase.execute("update inventory.stock set reserved = 0 where sku in ('SKU-0590', 'SKU-0591')");
    }

    @Test
    void one_round_concludes_every_stale_order_not_one_batch() {
        Simulators.liftFaults();
        client().seed(Map.of("SKU-0590", BACKLOG));
        List<String> backlog = stage(BACKLOG, "SKU-0590", Duration.ofMinutes(1));

        recovery.recoverStaleOrders();

        assertThat(stillPending(backlog)).as("orders still PENDING after one round").isZero();
        assertThat(MonolithDatabase.value("select reserved from inventory.stock where sku = 'SKU-0590'")).isEqualTo(0);
    }

    @Test
    void an_order_that_cannot_be_concluded_is_passed_over_once_and_the_backlog_behind_it_concluded() {
        Simulators.liftFaults();
        client().seed(Map.of("SKU-0590", BACKLOG, "SKU-0591", BAD));
        List<String> bad = stage(BAD, "SKU-0591", Duration.ofMinutes(2));
        // the units these orders hold are gone from the stock row: releasing them breaks reserved >= 0, every time
        MonolithDatabase.execute("update inventory.stock set reserved = 0 where sku = 'SKU-0591'");
        List<String> backlog = stage(BACKLOG, "SKU-0590", Duration.ofMinutes(1));

        List<String> logged = oneRoundLogging();

        assertThat(stillPending(backlog)).as("orders of the backlog still PENDING after one round").isZero();
        assertThat(stillPending(bad)).as("orders that cannot be concluded").isEqualTo(BAD);
        for (String orderId : bad) {
            assertThat(logged).filteredOn(line -> line.startsWith("Could not recover order " + orderId)).as("attempts at order %s in one round", orderId).hasSize(1);
        }
    }

    /**
     * Runs one round of the job, on this thread; what it logged. The round the scheduler starts once when the
     * application starts may run alongside on a thread of its own: what it logs is not counted.
     */
    private List<String> oneRoundLogging() {
        Thread round = Thread.currentThread();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (Thread.currentThread() == round) {
                    logged.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(PendingOrderRecovery.class.getName());
        log.addHandler(handler);
        try {
            recovery.recoverStaleOrders();
        } finally {
            log.removeHandler(handler);
        }
        return logged;
    }

    private List<String> stage(int orders, String sku, Duration age) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = UUID.randomUUID().toString();
            OrdersLeftPending.stage(orderId, sku, 1, age);
            ids.add(orderId);
        }
        staged.addAll(ids);
        return ids;
    }

    private static long stillPending(List<String> orderIds) {
        return MonolithDatabase.count("select count(*) from orders.orders where status = 'PENDING' and id::text = any(?)",
                (Object) orderIds.toArray(String[]::new));
    }
}
