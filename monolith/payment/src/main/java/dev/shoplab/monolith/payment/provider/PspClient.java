package dev.shoplab.monolith.payment.provider;

import dev.shoplab.monolith.payment.api.PaymentResult;
import dev.shoplab.monolith.payment.api.PaymentStatus;
import dev.shoplab.monolith.payment.domain.WhatThePspAnswerMeans;
import dev.shoplab.monolith.payment.domain.WhatThePspAnswerMeans.FirstAnswer;
import dev.shoplab.monolith.payment.domain.WhatThePspAnswerMeans.Lookup;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * The PSP over HTTP: charges (the order id as idempotency key), lookups by that key, and refunds.
 * Two clients: one with the charge timeout, one with the shorter lookup timeout.
 */
@ApplicationScoped
public class PspClient {

    /** A lookup's verdict and, when the PSP has the charge, the charge. */
    public record LookedUp(Lookup verdict, PspApi.Charge charge) {
    }

    private final PspApi charges;
    private final PspApi lookups;

    public PspClient(PspConfig config) {
        this.charges = client(config, config.timeout());
        this.lookups = client(config, config.lookupTimeout());
    }

    private static PspApi client(PspConfig config, Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.url()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.connectionPoolSize())
                .disableDefaultMapper(true)
                .build(PspApi.class);
    }

    /** Charges once; when the answer leaves the outcome open, looks the charge up before deciding. */
    public PaymentResult charge(UUID orderId, long amountCents, String token) {
        String key = orderId.toString();
        FirstAnswer first;
        PspApi.Charge charge = null;
        String detail;
        try (Response answer = charges.charge(new PspApi.ChargeRequest(key, amountCents, token, key))) {
            charge = chargeIn(answer);
            first = WhatThePspAnswerMeans.ofChargeAnswer(answer.getStatus(), charge == null ? null : charge.status());
            detail = "PSP answered " + answer.getStatus();
        } catch (ProcessingException e) {
            first = neverSent(e) ? FirstAnswer.NOT_SENT : FirstAnswer.NO_ANSWER;
            detail = "PSP " + (first == FirstAnswer.NOT_SENT ? "unreachable: " : "did not answer: ") + describe(e);
        }
        if (!WhatThePspAnswerMeans.needsLookup(first)) {
            return result(WhatThePspAnswerMeans.outcome(first), charge, detail);
        }
        LookedUp lookedUp = lookUp(key);
        return result(WhatThePspAnswerMeans.outcome(first, lookedUp.verdict()), lookedUp.charge(),
                detail + ", then lookup " + lookedUp.verdict());
    }

    /** What the PSP holds under the idempotency key. */
    public LookedUp lookUp(String idempotencyKey) {
        try (Response answer = lookups.chargeByKey(idempotencyKey)) {
            PspApi.Charge charge = chargeIn(answer);
            return new LookedUp(WhatThePspAnswerMeans.ofLookupAnswer(answer.getStatus(),
                    charge == null ? null : charge.status()), charge);
        } catch (ProcessingException e) {
            return new LookedUp(Lookup.FAILED, null);
        }
    }

    /** Refunds what remains of a charge; true when it is refunded (now or before). */
    public boolean refund(String chargeId, String idempotencyKey) {
        try (Response answer = lookups.refund(new PspApi.RefundRequest(idempotencyKey, chargeId))) {
            // 409 refund-rejected: already fully refunded, which is what we wanted
            return answer.getStatus() == 201 || answer.getStatus() == 409;
        } catch (ProcessingException e) {
            return false;
        }
    }

    private static PspApi.Charge chargeIn(Response answer) {
        int status = answer.getStatus();
        if ((status == 200 || status == 201 || status == 402) && answer.hasEntity()) {
            return answer.readEntity(PspApi.Charge.class);
        }
        return null;
    }

    private static PaymentResult result(PaymentStatus status, PspApi.Charge charge, String detail) {
        String chargeId = charge == null ? null : charge.chargeId();
        return new PaymentResult(status, chargeId, detail);
    }

    /** A refused or timed-out connection, or a full pool: the request never left the shop. */
    private static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t.getClass().getSimpleName().equals("ConnectionPoolTooBusyException")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
