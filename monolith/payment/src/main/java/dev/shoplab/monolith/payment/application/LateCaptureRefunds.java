package dev.shoplab.monolith.payment.application;

import dev.shoplab.monolith.payment.domain.LateCapturesAreCheckedWithBackoff;
import dev.shoplab.monolith.payment.persistence.LateCaptureCheckRow;
import dev.shoplab.monolith.payment.provider.PspClient;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The late-capture check: for every order that did not go through while its charge's outcome was
 * unknown, asks the PSP whether the charge was captured after all, and refunds it if so. Money is
 * never kept for an order the shop did not confirm. The window ({@code shoplab.psp.late-capture-window})
 * ends the check only on the PSP's "no such charge" (404): while the PSP still holds the charge
 * ({@code 409 charge-in-progress}) or cannot be asked, the check goes on past it (docs/adr/0022).
 */
@ApplicationScoped
public class LateCaptureRefunds {

    private static final Logger LOG = Logger.getLogger(LateCaptureRefunds.class);
    private static final int BATCH = 20;

    private final PspClient psp;
    private final Steps steps;

    public LateCaptureRefunds(PspClient psp, Steps steps) {
        this.psp = psp;
        this.steps = steps;
    }

    /**
     * Checks every charge that is due, {@value #BATCH} at a time: a full batch is followed by the next one in the same
     * round, so a burst of unknown outcomes (a PSP that held every charge of a fault's 15 s) is worked off at the pace
     * of the lookups, not 20 a round. A round ends with a batch that was not full, or one in which every check failed
     * (those stay due for the next round, and must not make this one spin).
     */
    @Scheduled(every = "${shoplab.psp.late-capture-check-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void checkDueCharges() {
        List<LateCaptureCheckRow> due;
        int done;
        do {
            due = steps.due(BATCH);
            done = 0;
            for (LateCaptureCheckRow check : due) {
                try {
                    checkOne(check.orderId, check.checksDone, check.checkUntil);
                    done++;
                } catch (RuntimeException e) {
                    // one check that fails now must not hold back the others due behind it
                    LOG.warnf("Late-capture check of order %s failed, the next round tries again: %s", check.orderId, e);
                }
            }
        } while (due.size() == BATCH && done > 0);
    }

    private void checkOne(UUID orderId, int checksDone, Instant checkUntil) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PspClient.LookedUp lookedUp = psp.lookUp(orderId.toString());
        switch (lookedUp.verdict()) {
            case CAPTURED -> {
                boolean refundedBefore = lookedUp.charge().refundedCents() >= lookedUp.charge().amountCents();
                if (refundedBefore || psp.refund(lookedUp.charge().chargeId(), "refund-" + orderId)) {
                    LOG.infof("Refunded late capture %s of order %s", lookedUp.charge().chargeId(), orderId);
                    steps.close(orderId, "REFUNDED", lookedUp.charge().chargeId(), now);
                } else {
                    steps.reschedule(orderId, LateCapturesAreCheckedWithBackoff.nextCheck(now, checksDone + 1));
                }
            }
            case DECLINED -> steps.close(orderId, "DECLINED", lookedUp.charge().chargeId(), null);
            case NOT_FOUND -> {
                if (LateCapturesAreCheckedWithBackoff.windowClosed(now, checkUntil)) {
                    steps.close(orderId, "NOT_CHARGED", null, null);
                } else {
                    steps.reschedule(orderId, LateCapturesAreCheckedWithBackoff.nextCheck(now, checksDone + 1));
                }
            }
            // the PSP still holds a charge with the key (it may capture it yet), or could not be asked: keep asking,
            // even past the window, until it says what became of the charge (only its 404 means nothing to refund)
            case IN_PROGRESS, FAILED ->
                    steps.reschedule(orderId, LateCapturesAreCheckedWithBackoff.nextCheck(now, checksDone + 1));
        }
    }

    /** The job's database steps, each its own short transaction (never open while the PSP is asked). */
    @ApplicationScoped
    public static class Steps {

        private final EntityManager em;

        Steps(EntityManager em) {
            this.em = em;
        }

        @Transactional
        List<LateCaptureCheckRow> due(int limit) {
            return em.createQuery("from LateCaptureCheckRow c where c.nextCheckAt <= :now order by c.nextCheckAt",
                            LateCaptureCheckRow.class)
                    .setParameter("now", Instant.now())
                    .setMaxResults(limit)
                    .getResultList();
        }

        @Transactional
        void reschedule(UUID orderId, Instant next) {
            em.createQuery("update LateCaptureCheckRow c set c.checksDone = c.checksDone + 1, c.nextCheckAt = :next"
                            + " where c.orderId = :orderId")
                    .setParameter("next", next)
                    .setParameter("orderId", orderId)
                    .executeUpdate();
        }

        /** Ends the check and writes the charge's final status (and the refund time when refunded). */
        @Transactional
        void close(UUID orderId, String finalStatus, String chargeId, Instant refundedAt) {
            em.createQuery("delete from LateCaptureCheckRow c where c.orderId = :orderId")
                    .setParameter("orderId", orderId)
                    .executeUpdate();
            em.createQuery("update ChargeRow r set r.status = :status, r.chargeId = coalesce(:chargeId, r.chargeId),"
                            + " r.refundedAt = :refundedAt where r.orderId = :orderId")
                    .setParameter("status", finalStatus)
                    .setParameter("chargeId", chargeId)
                    .setParameter("refundedAt", refundedAt)
                    .setParameter("orderId", orderId)
                    .executeUpdate();
        }
    }
}
