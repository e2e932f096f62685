package dev.shoplab.monolith.payment.internal;

import dev.shoplab.monolith.payment.api.PaymentResult;
import dev.shoplab.monolith.payment.api.PaymentStatus;
import dev.shoplab.monolith.payment.api.Payments;
import dev.shoplab.monolith.payment.internal.domain.LateCapturesAreCheckedWithBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The payment context behind its api. */
@ApplicationScoped
class PaymentService implements Payments {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final PspGateway psp;
    private final PspConfig config;
    private final EntityManager em;

    PaymentService(PspGateway psp, PspConfig config, EntityManager em) {
        this.psp = psp;
        this.config = config;
        this.em = em;
    }

    @Override
    @Transactional(TxType.NEVER)
    public PaymentResult charge(UUID orderId, long amountCents, String paymentToken) {
        PaymentResult result = psp.charge(orderId, amountCents, paymentToken);
        if (result.status() == PaymentStatus.NOT_CHARGED || result.status() == PaymentStatus.UNKNOWN) {
            LOG.warnf("Charge for order %s is %s: %s", orderId, result.status(), result.detail());
        }
        return result;
    }

    @Override
    @Transactional(TxType.NEVER)
    public Optional<PaymentResult> lookUp(UUID orderId) {
        PspGateway.LookedUp lookedUp = psp.lookUp(orderId.toString());
        String chargeId = lookedUp.charge() == null ? null : lookedUp.charge().chargeId();
        return switch (lookedUp.verdict()) {
            case CAPTURED -> Optional.of(PaymentResult.captured(chargeId));
            case DECLINED -> Optional.of(PaymentResult.declined(chargeId, "declined (found by lookup)"));
            case NOT_FOUND -> Optional.of(PaymentResult.unknown("the PSP holds no charge for the order (yet)"));
            case FAILED -> Optional.empty();
        };
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void record(UUID orderId, long amountCents, PaymentResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.persist(new ChargeRecord(orderId, result.status().name(), result.chargeId(), amountCents, result.detail(), now));
        if (result.status() == PaymentStatus.UNKNOWN) {
            em.persist(new LateCaptureCheck(orderId, amountCents, LateCapturesAreCheckedWithBackoff.nextCheck(now, 0),
                    now.plus(config.lateCaptureWindow())));
        }
    }
}
