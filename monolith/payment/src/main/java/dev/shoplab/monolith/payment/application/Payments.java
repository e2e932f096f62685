package dev.shoplab.monolith.payment.application;

import dev.shoplab.monolith.payment.api.PaymentApi;
import dev.shoplab.monolith.payment.api.PaymentLookup;
import dev.shoplab.monolith.payment.api.PaymentResult;
import dev.shoplab.monolith.payment.api.PaymentStatus;
import dev.shoplab.monolith.payment.domain.LateCapturesAreCheckedWithBackoff;
import dev.shoplab.monolith.payment.persistence.ChargeRow;
import dev.shoplab.monolith.payment.persistence.LateCaptureCheckRow;
import dev.shoplab.monolith.payment.provider.PspClient;
import dev.shoplab.monolith.payment.provider.PspConfig;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The payment context behind its api. */
@ApplicationScoped
public class Payments implements PaymentApi {

    private static final Logger LOG = Logger.getLogger(Payments.class);

    private final PspClient psp;
    private final PspConfig config;
    private final EntityManager em;

    public Payments(PspClient psp, PspConfig config, EntityManager em) {
        this.psp = psp;
        this.config = config;
        this.em = em;
    }

    @Override
    @Transactional(TxType.NEVER)
    @WithSpan("payment: charge")
    public PaymentResult charge(UUID orderId, long amountCents, String paymentToken) {
        PaymentResult result = psp.charge(orderId, amountCents, paymentToken);
        if (result.status() == PaymentStatus.NOT_CHARGED || result.status() == PaymentStatus.UNKNOWN) {
            LOG.warnf("Charge for order %s is %s: %s", orderId, result.status(), result.detail());
        }
        return result;
    }

    @Override
    @Transactional(TxType.NEVER)
    public PaymentLookup lookUp(UUID orderId) {
        PspClient.LookedUp lookedUp = psp.lookUp(orderId.toString());
        String chargeId = lookedUp.charge() == null ? null : lookedUp.charge().chargeId();
        return switch (lookedUp.verdict()) {
            case CAPTURED -> PaymentLookup.found(PaymentResult.captured(chargeId));
            case DECLINED -> PaymentLookup.found(PaymentResult.declined(chargeId, "declined (found by lookup)"));
            case NOT_FOUND -> PaymentLookup.found(PaymentResult.unknown("the PSP holds no charge for the order (yet)"));
            case IN_PROGRESS -> PaymentLookup.inProgress();
            case FAILED -> PaymentLookup.failed();
        };
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void record(UUID orderId, long amountCents, PaymentResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.persist(new ChargeRow(orderId, result.status().name(), result.chargeId(), amountCents, result.detail(), now));
        if (result.status() == PaymentStatus.UNKNOWN) {
            em.persist(new LateCaptureCheckRow(orderId, amountCents, LateCapturesAreCheckedWithBackoff.nextCheck(now, 0),
                    now.plus(config.lateCaptureWindow())));
        }
    }
}
