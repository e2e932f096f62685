package dev.shoplab.loadtests.live;

import dev.shoplab.loadtests.audit.Audit;
import dev.shoplab.loadtests.audit.AuditFindings;
import dev.shoplab.loadtests.audit.ProviderLedgers;
import dev.shoplab.loadtests.audit.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench's audit ({@link Audit}) run again and again on a system that is still moving: the business damage the
 * page shows. After a bench run everything is drained before the audit counts; here orders are in flight at every
 * audit, a stock row and an order are read a few milliseconds apart, and a mail leaves a moment after its order
 * concludes. So a violation counts only once it has lasted: {@link #SETTLE} for every kind, {@link #STUCK_AFTER} for
 * an order still in progress (the event-driven system keeps orders pending on purpose while the PSP is away). A
 * violation that goes away (the late refund came, the mail went out) stops counting.
 *
 * <p>With several architectures on one pair of provider simulators, a charge or a mail belongs to the architecture
 * whose database or client knows its order; one whose order no architecture knows is counted apart
 * ({@link #unattributed}), since nothing tells whose it is.
 */
final class LiveAudit {

    /** How long a violation must last before it counts. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** How long an order must stay in progress before it counts as stuck. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    private final Map<String, Instant> firstSeen = new HashMap<>();
    private AuditFindings settled = AuditFindings.of(List.of());
    private Instant at;

    /**
     * Counts what lasted in this audit of one architecture.
     *
     * @param snapshot     its databases now
     * @param acknowledged the orders the live load saw acknowledged
     * @param ledgers      the providers' ledgers, already narrowed to this architecture ({@link #narrow})
     */
    synchronized AuditFindings audit(Audit.Snapshot snapshot, Set<String> acknowledged, Map<String, Long> initialStock,
                                     ProviderLedgers ledgers, Instant now) {
        List<Violation> found = Audit.violations(snapshot.orders(), snapshot.confirmedUnits(), snapshot.stock(),
                acknowledged, initialStock, ledgers);
        Set<String> present = new HashSet<>();
        List<Violation> lasting = new ArrayList<>();
        for (Violation v : found) {
            String key = v.kind() + " " + v.subject();
            present.add(key);
            Instant since = firstSeen.computeIfAbsent(key, k -> now);
            Duration bound = v.kind() == Violation.Kind.STUCK ? STUCK_AFTER : SETTLE;
            if (!Duration.between(since, now).minus(bound).isNegative()) {
                lasting.add(v);
            }
        }
        firstSeen.keySet().retainAll(present);
        settled = AuditFindings.of(lasting);
        at = now;
        return settled;
    }

    /** The last counts, and when they were taken (null before the first audit). */
    synchronized AuditFindings settled() {
        return settled;
    }

    synchronized Instant at() {
        return at;
    }

    /** The charges and mails of the orders in {@code orders} (those an architecture holds or acknowledged). */
    static ProviderLedgers narrow(ProviderLedgers ledgers, Set<String> orders) {
        return new ProviderLedgers(
                ledgers.charges().stream().filter(c -> orders.contains(c.orderId())).toList(),
                ledgers.messages().stream().filter(m -> orders.contains(m.orderId())).toList());
    }

    /** Net money captured for orders that no architecture holds or acknowledged, in cents. */
    static long unattributed(ProviderLedgers ledgers, Set<String> known) {
        return ledgers.charges().stream().filter(c -> c.captured() && !known.contains(c.orderId()))
                .mapToLong(c -> c.amountCents() - c.refundedCents()).sum();
    }
}
