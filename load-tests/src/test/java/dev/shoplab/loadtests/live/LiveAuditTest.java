package dev.shoplab.loadtests.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoplab.loadtests.audit.Audit;
import dev.shoplab.loadtests.audit.AuditFindings;
import dev.shoplab.loadtests.audit.ProviderLedgers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live audit counts what lasts, not what a moving system shows for a moment. */
class LiveAuditTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Map<String, Long> STOCK = Map.of("SKU-0001", 100L);

    private static Audit.Snapshot snapshot(String status, long available, long reserved) {
        return new Audit.Snapshot(List.of(new Audit.StoredOrder("o-1", status, 500)), Map.of(),
                Map.of("SKU-0001", new Audit.StoredStock(available, reserved)));
    }

    private static final ProviderLedgers MAILED = new ProviderLedgers(List.of(),
            List.of(new ProviderLedgers.MailMessage("m-1", "o-1", "ORDER_REJECTED")));

    @Test
    void a_stock_difference_counts_only_once_it_has_lasted() {
        LiveAudit audit = new LiveAudit();
        // stock read a moment after an order moved it: 99 + 0 held against 100 expected
        assertEquals(0, audit.audit(snapshot("REJECTED", 99, 0), Set.of("o-1"), STOCK, MAILED, T0).oversoldSkus());
        assertEquals(0, audit.audit(snapshot("REJECTED", 99, 0), Set.of("o-1"), STOCK, MAILED, T0.plusSeconds(5))
                .oversoldSkus());
        assertEquals(1, audit.audit(snapshot("REJECTED", 99, 0), Set.of("o-1"), STOCK, MAILED, T0.plusSeconds(10))
                .oversoldSkus());
        // it went away: it stops counting, and a new one starts its own clock
        assertEquals(0, audit.audit(snapshot("REJECTED", 100, 0), Set.of("o-1"), STOCK, MAILED, T0.plusSeconds(15))
                .oversoldSkus());
        assertEquals(0, audit.audit(snapshot("REJECTED", 99, 0), Set.of("o-1"), STOCK, MAILED, T0.plusSeconds(20))
                .oversoldSkus());
    }

    @Test
    void an_order_in_progress_is_stuck_only_after_a_minute() {
        LiveAudit audit = new LiveAudit();
        ProviderLedgers none = new ProviderLedgers(List.of(), List.of());
        assertEquals(0, audit.audit(snapshot("PENDING", 99, 1), Set.of("o-1"), STOCK, none, T0).stuckOrders());
        assertEquals(0, audit.audit(snapshot("PENDING", 99, 1), Set.of("o-1"), STOCK, none, T0.plusSeconds(59))
                .stuckOrders());
        AuditFindings late = audit.audit(snapshot("PENDING", 99, 1), Set.of("o-1"), STOCK, none, T0.plusSeconds(60));
        assertEquals(1, late.stuckOrders());
        assertEquals(0, late.oversoldSkus(), "a reservation held by an order in progress adds up");
    }

    @Test
    void ledgers_are_narrowed_to_the_orders_an_architecture_knows_and_the_rest_is_unattributed() {
        ProviderLedgers ledgers = new ProviderLedgers(List.of(
                new ProviderLedgers.Charge("ch-1", "o-1", "o-1", 500, "captured", 0),
                new ProviderLedgers.Charge("ch-2", "o-2", "o-2", 700, "captured", 200),
                new ProviderLedgers.Charge("ch-3", "x-9", "x-9", 900, "captured", 0)), List.of());
        assertEquals(List.of("ch-1"), LiveAudit.narrow(ledgers, Set.of("o-1")).charges().stream()
                .map(ProviderLedgers.Charge::chargeId).toList());
        assertEquals(900, LiveAudit.unattributed(ledgers, Set.of("o-1", "o-2")));
    }
}
