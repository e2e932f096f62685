package dev.shoplab.simulators.psp;

import dev.shoplab.simulators.http.Problem;
import dev.shoplab.simulators.http.ProblemException;
import dev.shoplab.simulators.provider.Ledger;
import dev.shoplab.simulators.provider.Recorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The PSP's books: every charge and refund, and the idempotency keys that make a retried request
 * return the first result instead of moving money twice. One lock guards it all, so concurrent
 * requests with the same key are recorded once.
 */
final class PspLedger implements Ledger {

    /** The whole ledger as the bench audit reads it. */
    record View(List<ChargeState> charges, List<Refund> refunds) {
    }

    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final Map<String, Charge> chargesByKey = new HashMap<>();
    private final Map<String, Long> refundedCents = new HashMap<>();
    private final List<Refund> refunds = new ArrayList<>();
    private final Map<String, Refund> refundsByKey = new HashMap<>();

    /** Records a charge, or returns the first one for a repeated key (409 if amount or token differ). */
    synchronized Recorded<Charge> charge(String key, long amountCents, String token, boolean approve, String reference) {
        if (key != null) {
            Charge first = chargesByKey.get(key);
            if (first != null) {
                if (first.amountCents() != amountCents || !first.token().equals(token)) {
                    throw keyReused(key, "a charge of " + first.amountCents() + " cents with token " + first.token());
                }
                return Recorded.replay(first);
            }
        }
        Charge charge = new Charge(newId("ch_"), approve ? Charge.CAPTURED : Charge.DECLINED, amountCents, key,
                reference, Instant.now().toString(), approve ? null : "card_declined", token);
        charges.put(charge.chargeId(), charge);
        if (key != null) {
            chargesByKey.put(key, charge);
        }
        return Recorded.fresh(charge);
    }

    /**
     * Records a refund of {@code requestedCents} (null: all that remains), or returns the first
     * one for a repeated key (409 if charge or amount differ).
     */
    synchronized Recorded<Refund> refund(String key, String chargeId, Long requestedCents) {
        if (key != null) {
            Refund first = refundsByKey.get(key);
            if (first != null) {
                if (!first.chargeId().equals(chargeId) || !Objects.equals(first.requestedCents(), requestedCents)) {
                    throw keyReused(key, "a refund of " + (first.requestedCents() == null ? "the remainder"
                            : first.requestedCents() + " cents") + " of charge " + first.chargeId());
                }
                return Recorded.replay(first);
            }
        }
        Charge charge = charges.get(chargeId);
        if (charge == null) {
            throw chargeNotFound("no charge " + chargeId);
        }
        if (!charge.captured()) {
            throw refundRejected("charge " + chargeId + " was declined; only a captured charge can be refunded");
        }
        long remaining = charge.amountCents() - refundedCents.getOrDefault(chargeId, 0L);
        if (remaining == 0) {
            throw refundRejected("charge " + chargeId + " is already fully refunded");
        }
        long amount = requestedCents == null ? remaining : requestedCents;
        if (amount > remaining) {
            throw refundRejected("amountCents " + amount + " exceeds the " + remaining
                    + " cents that remain to refund on charge " + chargeId);
        }
        Refund refund = new Refund(newId("re_"), chargeId, amount, key, Instant.now().toString(), requestedCents);
        refunds.add(refund);
        refundedCents.merge(chargeId, amount, Long::sum);
        if (key != null) {
            refundsByKey.put(key, refund);
        }
        return Recorded.fresh(refund);
    }

    synchronized Optional<ChargeState> chargeById(String chargeId) {
        return Optional.ofNullable(charges.get(chargeId)).map(this::stateOf);
    }

    synchronized Optional<ChargeState> chargeByKey(String key) {
        return Optional.ofNullable(chargesByKey.get(key)).map(this::stateOf);
    }

    @Override
    public synchronized View view() {
        return new View(charges.values().stream().map(this::stateOf).toList(), List.copyOf(refunds));
    }

    @Override
    public synchronized void clear() {
        charges.clear();
        chargesByKey.clear();
        refundedCents.clear();
        refunds.clear();
        refundsByKey.clear();
    }

    static ProblemException chargeNotFound(String detail) {
        return Problem.of("charge-not-found", "Charge not found", 404, detail).asException();
    }

    private ChargeState stateOf(Charge charge) {
        return ChargeState.of(charge, refundedCents.getOrDefault(charge.chargeId(), 0L));
    }

    private static ProblemException keyReused(String key, String first) {
        return Problem.of("idempotency-key-reused", "Idempotency key reused", 409,
                "idempotency key '" + key + "' was first used for " + first
                        + "; a retry must repeat the same request, a new request needs a new key").asException();
    }

    private static ProblemException refundRejected(String detail) {
        return Problem.of("refund-rejected", "Refund rejected", 409, detail).asException();
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
