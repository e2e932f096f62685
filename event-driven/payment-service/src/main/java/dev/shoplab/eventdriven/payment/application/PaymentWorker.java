package dev.shoplab.eventdriven.payment.application;

import dev.shoplab.eventdriven.messaging.HttpAnswer;
import dev.shoplab.eventdriven.messaging.Leases;
import dev.shoplab.eventdriven.messaging.OutboundWork;
import dev.shoplab.eventdriven.messaging.OutboundWorker;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.payment.domain.ChargesAreRetriedWithBackoff;
import dev.shoplab.eventdriven.payment.domain.PaymentStatus;
import dev.shoplab.eventdriven.payment.domain.WhatThePspAnswerMeans;
import dev.shoplab.eventdriven.payment.events.PaymentEvents.PaymentFailed;
import dev.shoplab.eventdriven.payment.events.PaymentEvents.PaymentRefunded;
import dev.shoplab.eventdriven.payment.events.PaymentEvents.PaymentSucceeded;
import dev.shoplab.eventdriven.payment.persistence.PaymentRow;
import dev.shoplab.eventdriven.payment.provider.PspClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Works off due payments against the PSP, many at once. CHARGING: charge with the order's idempotency key;
 * record the verdict (success, decline, or a retry after a backoff, up to the bound) with its event in one
 * transaction. RECONCILING: after giving up on a charge whose outcome was unknown, look it up by key and
 * refund a capture that surfaced, until the settle window closes.
 *
 * <p>An attempt is counted, as one whose outcome is unknown, in the transaction that claims the payment for it
 * ({@link #COUNT_THE_ATTEMPT}), before the PSP is called; recording a certain answer (captured, declined, or
 * nothing happened) takes it off the unknown ones. So an attempt whose answer was never recorded — the recording
 * transaction failed, the process died, or the answer came after the payment had moved on — stays unknown, and
 * giving up reconciles (ADR 0008, "Lost answers"): a capture the PSP made for such an attempt is found by its key
 * and refunded instead of being kept for an order that failed.
 */
@ApplicationScoped
public class PaymentWorker extends OutboundWork<PaymentRow> {

    private static final Logger LOG = Logger.getLogger(PaymentWorker.class);
    private static final int MAX_FAILURE = 1000;
    private static final Duration RECONCILE_PACE = Duration.ofSeconds(1);
    /**
     * Set on a payment as it is claimed to be charged: one attempt more, its outcome unknown until an answer is
     * recorded. A payment claimed to be reconciled makes no charge attempt.
     */
    private static final String COUNT_THE_ATTEMPT = """
            attempts = attempts + (case when state = 'CHARGING' then 1 else 0 end),
            unknown_outcomes = unknown_outcomes + (case when state = 'CHARGING' then 1 else 0 end)""";

    private final Sql sql;

    private final Outbox outbox;

    private final PspClient psp;

    private final PaymentConfig config;

    private final MeterRegistry metrics;

    PaymentWorker(DataSource database,
                  Outbox outbox,
                  PspClient psp,
                  PaymentConfig config,
                  MeterRegistry metrics) {
        this.sql = new Sql(database);
        this.outbox = outbox;
        this.psp = psp;
        this.config = config;
        this.metrics = metrics;
    }

    private ChargesAreRetriedWithBackoff retry;

    @Override
    protected OutboundWorker<PaymentRow> createWorker() {
        retry = new ChargesAreRetriedWithBackoff(config.retry().maxAttempts(), config.retry().initialBackoff(),
                config.retry().maxBackoff());
        return new OutboundWorker<>("payment-worker", config.maxInFlight(), config.pollInterval(), this::claim,
                this::work);
    }

    /** Leases due payments, counting the charge attempts about to be made, and returns them (detached) in one transaction. */
    private List<PaymentRow> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Leases.claim(sql, "payment", "order_id",
                "state in ('CHARGING', 'RECONCILING')", COUNT_THE_ATTEMPT, limit, config.lease(), PaymentRow::read));
    }

    private CompletionStage<?> work(PaymentRow payment) {
        String orderId = payment.orderId;
        if (payment.state == PaymentStatus.CHARGING) {
            return psp.charge(payment.idempotencyKey, payment.amountCents, payment.paymentToken, orderId,
                            payment.traceparent)
                    .thenAcceptAsync(answer -> QuarkusTransaction.requiringNew().run(() -> recordCharge(orderId, answer)),
                            executor());
        }
        if (payment.state == PaymentStatus.RECONCILING) {
            return reconcile(payment);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Records the verdict of a charge attempt (already counted by its claim), with its event, in one transaction. An
     * answer that comes after the payment left CHARGING changes nothing: the payment is settled, or reconciling,
     * which finds a capture by its key whichever attempt made it.
     */
    private void recordCharge(String orderId, HttpAnswer answer) {
        PaymentRow payment = lock(orderId);
        if (payment.state != PaymentStatus.CHARGING) {
            return;
        }
        WhatThePspAnswerMeans verdict = answer.answered() ? WhatThePspAnswerMeans.ofAnswer(answer.status(), answer.text("status"))
                : WhatThePspAnswerMeans.ofNoAnswer(answer.connected());
        metrics.counter("shoplab.psp.attempts", "verdict", verdict.name()).increment();
        if (verdict != WhatThePspAnswerMeans.OUTCOME_UNKNOWN) {
            payment.unknownOutcomes--; // this attempt's outcome is known now
        }
        TraceParent trace = trace(payment);
        switch (verdict) {
            case CAPTURED -> {
                payment.chargeId = answer.text("chargeId");
                payment.moveTo(PaymentStatus.CAPTURED);
                outbox.append(orderId, new PaymentSucceeded(payment.chargeId, payment.amountCents, payment.attempts),
                        trace);
            }
            case DECLINED -> {
                payment.lastFailure = truncate(answer.describe());
                payment.moveTo(PaymentStatus.DECLINED);
                outbox.append(orderId, new PaymentFailed("PAYMENT_DECLINED", payment.lastFailure,
                        payment.amountCents, payment.attempts), trace);
            }
            case NOT_PROCESSED, OUTCOME_UNKNOWN -> {
                payment.lastFailure = truncate(answer.describe());
                var delay = retry.delayAfter(payment.attempts, () -> ThreadLocalRandom.current().nextDouble());
                if (delay.isPresent()) {
                    retryAfter(payment, delay.get());
                } else {
                    giveUp(payment, trace);
                }
            }
        }
        save(payment);
    }

    /**
     * The retry bound is reached: the order fails (a terminal, technical outcome). If some attempt's outcome
     * is unknown (its answer was lost, or never recorded, or is still to come) a capture may still surface, so the
     * payment goes on reconciling for the settle window; only when every attempt certainly moved no money is it
     * GAVE_UP.
     */
    private void giveUp(PaymentRow payment, TraceParent trace) {
        LOG.warnf("giving up on the charge of order %s after %d attempts (%d with unknown outcome): %s",
                payment.orderId, payment.attempts, payment.unknownOutcomes, payment.lastFailure);
        if (payment.unknownOutcomes > 0) {
            payment.moveTo(PaymentStatus.RECONCILING);
            payment.reconcileUntil = Instant.now().plus(config.settleWindow());
            wakeWithin(Duration.ZERO);
        } else {
            payment.moveTo(PaymentStatus.GAVE_UP);
        }
        outbox.append(payment.orderId, new PaymentFailed("PAYMENT_UNAVAILABLE", truncate("the PSP did not settle the "
                + "charge in " + payment.attempts + " attempts; last: " + payment.lastFailure), payment.amountCents,
                payment.attempts), trace);
    }

    /** Looks for a late capture by key; refunds it if there is one; stops looking once the settle window closed. */
    private CompletionStage<?> reconcile(PaymentRow payment) {
        String orderId = payment.orderId;
        return psp.chargeByKey(payment.idempotencyKey, orderId, payment.traceparent).thenCompose(found -> {
            if (found.status() == 200 && "captured".equals(found.text("status"))) {
                return psp.refund(Payments.refundKey(orderId), found.text("chargeId"), orderId, payment.traceparent)
                        .thenAcceptAsync(refund -> QuarkusTransaction.requiringNew().run(
                                () -> recordRefund(orderId, found, refund)), executor());
            }
            return CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(
                    () -> recordLookup(orderId, found)), executor());
        });
    }

    /**
     * Records a lookup that found no capture to refund. Only a definite "nothing was captured" ends reconciling: the
     * charge found declined, or no charge with the key (404) once the settle window has closed. Anything else — a 404
     * inside the window, {@code 409 charge-in-progress} (the PSP still holds a charge with the key and may capture it
     * yet, docs/adr/0022), an error or no answer — looks again after {@link #RECONCILE_PACE}, past the window too.
     */
    private void recordLookup(String orderId, HttpAnswer found) {
        PaymentRow payment = lock(orderId);
        if (payment.state != PaymentStatus.RECONCILING) {
            return;
        }
        boolean nothingCaptured = (found.status() == 200 && "declined".equals(found.text("status")))
                || (found.status() == 404 && Instant.now().isAfter(payment.reconcileUntil));
        if (nothingCaptured) {
            payment.moveTo(PaymentStatus.GAVE_UP);
        } else {
            payment.lastFailure = truncate("reconciling: " + found.describe());
            retryAfter(payment, RECONCILE_PACE);
        }
        save(payment);
    }

    private void recordRefund(String orderId, HttpAnswer charge, HttpAnswer refund) {
        PaymentRow payment = lock(orderId);
        if (payment.state != PaymentStatus.RECONCILING) {
            return;
        }
        if (refund.status() != 201) {
            payment.lastFailure = truncate("refund: " + refund.describe());
            retryAfter(payment, RECONCILE_PACE);
            save(payment);
            metrics.counter("shoplab.compensations", "kind", "refund", "outcome", "failed").increment();
            return;
        }
        payment.chargeId = charge.text("chargeId");
        payment.refundId = refund.text("refundId");
        payment.refundedCents = refund.number("amountCents");
        payment.moveTo(PaymentStatus.REFUNDED);
        save(payment);
        metrics.counter("shoplab.compensations", "kind", "refund", "outcome", "succeeded").increment();
        outbox.append(orderId, new PaymentRefunded(payment.chargeId, payment.refundId, payment.refundedCents),
                trace(payment));
    }

    private PaymentRow lock(String orderId) {
        return sql.one(PaymentRow.LOCK, PaymentRow::read, orderId).orElseThrow(() -> new IllegalStateException(
                "no payment for order " + orderId));
    }

    private void save(PaymentRow payment) {
        sql.update(PaymentRow.SAVE, payment.saveParameters());
    }

    /** The payment stays in its state and falls due again after {@code delay}; the worker looks again then. */
    private void retryAfter(PaymentRow payment, Duration delay) {
        payment.retryAt(Instant.now().plus(delay));
        wakeWithin(delay);
    }

    /** The span that asked for the payment: the events its outcome causes continue it, as its PSP calls do. */
    private static TraceParent trace(PaymentRow payment) {
        return TraceParent.resume(payment.traceparent);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_FAILURE ? text : text.substring(0, MAX_FAILURE - 1) + "…";
    }
}
