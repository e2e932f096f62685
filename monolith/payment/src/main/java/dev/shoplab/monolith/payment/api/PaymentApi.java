package dev.shoplab.monolith.payment.api;

import java.util.UUID;

/**
 * The payment context's public face: charges at the PSP (the order id is the PSP idempotency key,
 * so a charge is never captured twice for one order) and the record of what happened. The PSP is
 * called outside any transaction (a database transaction must never wait on the network); what
 * came of it is recorded inside the caller's transaction.
 */
public interface PaymentApi {

    /** The database schema this context owns; no other context reads or writes it. */
    String SCHEMA = "payment";

    /**
     * Charges {@code amountCents} for the order. When the PSP's answer is lost or unclear it looks
     * the charge up by its idempotency key before answering, so the result is {@code UNKNOWN} only
     * when the PSP cannot tell. Must not be called inside a transaction.
     */
    PaymentResult charge(UUID orderId, long amountCents, String paymentToken);

    /**
     * What the PSP holds for the order's charge, for an order whose charge outcome was never
     * recorded (the process stopped while waiting for the PSP): {@code UNKNOWN} when the PSP has
     * no such charge, no result when the PSP cannot tell yet (it still holds the charge, {@code 409
     * charge-in-progress}) or the lookup failed ({@link PaymentLookup#told()} false: no answer, or one that says
     * nothing of the charge). Must not be called inside a transaction.
     */
    PaymentLookup lookUp(UUID orderId);

    /**
     * Records the outcome of the order's charge, in the caller's transaction. An {@code UNKNOWN}
     * outcome also starts the late-capture check: should the charge turn up captured later, it is
     * refunded, because the order did not go through.
     */
    void record(UUID orderId, long amountCents, PaymentResult result);
}
