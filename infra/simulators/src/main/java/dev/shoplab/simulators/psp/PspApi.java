package dev.shoplab.simulators.psp;

import dev.shoplab.simulators.http.Answer;
import dev.shoplab.simulators.http.JsonRequest;
import dev.shoplab.simulators.http.ProblemException;
import dev.shoplab.simulators.provider.Ledger;
import dev.shoplab.simulators.provider.ProviderApi;
import dev.shoplab.simulators.provider.ProviderServer;
import dev.shoplab.simulators.provider.ProviderStats;
import dev.shoplab.simulators.provider.Recorded;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The Stripe-like PSP: {@code POST /psp/charges}, {@code POST /psp/refunds},
 * {@code GET /psp/charges/{chargeId}} and {@code GET /psp/charges?idempotencyKey=K}.
 * Token {@code tok_ok} is captured, {@code tok_decline} declined; any other token is a 400.
 *
 * <p>A charge with an idempotency key is in progress from the moment it arrives until it is handled (it may wait out
 * a latency fault first, whether or not its client still waits): meanwhile a lookup of the key, and a later charge
 * with the key, answer {@code 409 charge-in-progress} (ADR 0022; Stripe answers {@code 409 idempotency_key_in_use}).
 */
public final class PspApi implements ProviderApi {

    static final String CHARGE_REQUESTS = "chargeRequests";
    static final String REFUND_REQUESTS = "refundRequests";
    static final String CAPTURED = "captured";
    static final String DECLINED = "declined";
    static final String REFUNDS = "refunds";
    static final String REPLAYED = "replayed";

    /** Where a charge's ticket waits, from its arrival until it is handled ({@link PspLedger#arrived}). */
    private static final String TICKET = "shoplab.psp.ticket";

    static final String TOKEN_OK = "tok_ok";
    static final String TOKEN_DECLINE = "tok_decline";

    private final PspLedger ledger = new PspLedger();

    @Override
    public String name() {
        return "psp";
    }

    @Override
    public List<String> events() {
        return List.of(CHARGE_REQUESTS, REFUND_REQUESTS, CAPTURED, DECLINED, REFUNDS, REPLAYED);
    }

    @Override
    public void routes(ProviderServer server, Router router) {
        ProviderStats stats = server.stats();
        server.endpoint(router.post("/psp/charges"), CHARGE_REQUESTS, this::chargeArrived, ctx -> charge(ctx, stats));
        server.endpoint(router.post("/psp/refunds"), REFUND_REQUESTS, ctx -> refund(ctx, stats));
        server.endpoint(router.get("/psp/charges/:chargeId"), null, this::chargeById);
        server.endpoint(router.get("/psp/charges"), null, this::chargeByKey);
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    /**
     * A charge reached the PSP: with a usable idempotency key it is in progress until it is over. One whose key cannot
     * be read is refused 400 when it is handled, and is never in progress.
     */
    private Runnable chargeArrived(RoutingContext ctx) {
        String key;
        try {
            key = JsonRequest.of(ctx).idempotencyKey("idempotencyKey");
        } catch (ProblemException refusedWhenHandled) {
            return () -> {
            };
        }
        if (key == null) {
            return () -> {
            };
        }
        long ticket = ledger.arrived(key);
        ctx.put(TICKET, ticket);
        return () -> ledger.over(key, ticket);
    }

    private Answer charge(RoutingContext ctx, ProviderStats stats) {
        JsonRequest request = JsonRequest.of(ctx);
        String key = request.idempotencyKey("idempotencyKey");
        long amountCents = request.positiveLong("amountCents");
        String token = request.text("token");
        if (!token.equals(TOKEN_OK) && !token.equals(TOKEN_DECLINE)) {
            throw JsonRequest.invalid("token must be " + TOKEN_OK + " or " + TOKEN_DECLINE + ", got " + token);
        }
        String reference = request.optionalText("reference");
        Recorded<Charge> recorded = ledger.charge(key, ctx.get(TICKET), amountCents, token, token.equals(TOKEN_OK),
                reference);
        Charge charge = recorded.value();
        if (recorded.replayed()) {
            stats.increment(REPLAYED);
            return Answer.of(charge.httpStatus(), charge).replay();
        }
        stats.increment(charge.captured() ? CAPTURED : DECLINED);
        return Answer.of(charge.httpStatus(), charge);
    }

    private Answer refund(RoutingContext ctx, ProviderStats stats) {
        JsonRequest request = JsonRequest.of(ctx);
        String key = request.idempotencyKey("idempotencyKey");
        String chargeId = request.text("chargeId");
        Long amountCents = request.optionalPositiveLong("amountCents");
        Recorded<Refund> recorded = ledger.refund(key, chargeId, amountCents);
        if (recorded.replayed()) {
            stats.increment(REPLAYED);
            return Answer.of(201, recorded.value()).replay();
        }
        stats.increment(REFUNDS);
        return Answer.of(201, recorded.value());
    }

    private Answer chargeById(RoutingContext ctx) {
        String chargeId = ctx.pathParam("chargeId");
        return Answer.of(200, ledger.chargeById(chargeId)
                .orElseThrow(() -> PspLedger.chargeNotFound("no charge " + chargeId)));
    }

    private Answer chargeByKey(RoutingContext ctx) {
        List<String> keys = ctx.queryParam("idempotencyKey");
        if (keys.size() != 1 || keys.get(0).isBlank()) {
            throw JsonRequest.invalid("query parameter idempotencyKey is required exactly once;"
                    + " to read one charge use GET /psp/charges/{chargeId}");
        }
        String key = keys.get(0);
        return Answer.of(200, ledger.chargeByKey(key)
                .orElseThrow(() -> PspLedger.chargeNotFound("no charge with idempotency key '" + key + "'")));
    }
}
