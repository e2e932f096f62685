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
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The PSP's books: every charge and refund, the idempotency keys that make a retried request
 * return the first result instead of moving money twice, and the keys of the charges in progress
 * (received, not handled yet: they wait out their latency). One lock guards it all, so concurrent
 * requests with the same key are recorded once, and a lookup sees a charge either in progress or
 * recorded, never in between.
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
    /** For every key with charges in progress, their tickets: the lowest arrived first. */
    private final Map<String, NavigableSet<Long>> inProgress = new HashMap<>();
    private long lastTicket;

    /**
     * A charge with {@code key} has arrived and waits to be handled: until {@link #over} it is in progress, and a
     * lookup of {@code key} answers {@code 409 charge-in-progress}.
     *
     * @return the charge's ticket, which orders it after every charge that arrived before it
     */
    synchronized long arrived(String key) {
        long ticket = ++lastTicket;
        inProgress.computeIfAbsent(key, k -> new TreeSet<>()).add(ticket);
        return ticket;
    }

    /** The charge with {@code key} and {@code ticket} is over: handled, failed or dropped. */
    synchronized void over(String key, long ticket) {
        NavigableSet<Long> tickets = inProgress.get(key);
        if (tickets != null && tickets.remove(ticket) && tickets.isEmpty()) {
            inProgress.remove(key);
        }
    }

    /**
     * Records a charge, or returns the first one for a repeated key (409 idempotency-key-reused if amount or token
     * differ); 409 charge-in-progress when no charge with the key is recorded yet but one that arrived before this one
     * ({@code ticket}; null without a key) is still in progress, as Stripe answers 409 idempotency_key_in_use.
     */
    synchronized Recorded<Charge> charge(String key, Long ticket, long amountCents, String token, boolean approve,
            String reference) {
        if (key != null) {
            Charge first = chargesByKey.get(key);
            if (first != null) {
                if (first.amountCents() != amountCents || !first.token().equals(token)) {
                    throw keyReused(key, "a charge of " + first.amountCents() + " cents with token " + first.token());
                }
                return Recorded.replay(first);
            }
            NavigableSet<Long> tickets = inProgress.get(key);
            if (tickets != null && ticket != null && tickets.first() < ticket) {
                throw chargeInProgress("another charge with idempotency key '" + key + "' arrived before this one and"
                        + " is still being processed; retry with the same key later, or look the charge up by its key");
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

    /**
     * The charge recorded with {@code key}; empty when there is none and none is in progress; 409 charge-in-progress
     * when none is recorded yet but one is in progress: it may still be captured, so "none" would be a lie.
     */
    synchronized Optional<ChargeState> chargeByKey(String key) {
        Charge charge = chargesByKey.get(key);
        if (charge == null && inProgress.containsKey(key)) {
            throw chargeInProgress("a charge with idempotency key '" + key + "' has been received and is still being"
                    + " processed; its outcome is not known yet, look it up again later");
        }
        return Optional.ofNullable(charge).map(this::stateOf);
    }

    @Override
    public synchronized View view() {
        return new View(charges.values().stream().map(this::stateOf).toList(), List.copyOf(refunds));
    }

    /** Forgets every charge and refund; not the charges in progress, which are still to come and will be recorded. */
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

    private static ProblemException chargeInProgress(String detail) {
        return Problem.of("charge-in-progress", "Charge in progress", 409, detail).asException();
    }

    private static ProblemException refundRejected(String detail) {
        return Problem.of("refund-rejected", "Refund rejected", 409, detail).asException();
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
