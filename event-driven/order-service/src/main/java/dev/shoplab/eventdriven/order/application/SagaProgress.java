package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.messaging.EventEnvelope;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.eventdriven.order.domain.OrderStatus;
import dev.shoplab.eventdriven.order.events.OrderEvents;
import dev.shoplab.eventdriven.order.events.OrderEvents.OrderConfirmed;
import dev.shoplab.eventdriven.order.events.OrderEvents.OrderFailed;
import dev.shoplab.eventdriven.order.events.OrderEvents.OrderRejected;
import dev.shoplab.eventdriven.order.events.OrderEvents.ReadModelCaughtUp;
import dev.shoplab.eventdriven.order.persistence.OrderRow;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What order-service does with the other services' events, each inside the transaction that records the
 * event as processed: it keeps the timeline, keeps the stock view, and concludes an order on inventory's last
 * move (announcing the conclusion with OrderConfirmed, OrderRejected or OrderFailed through the outbox).
 */
@ApplicationScoped
public class SagaProgress {

    /** The name under which the stock view acknowledges catalogue seeds. */
    public static final String STOCK_VIEW = "order-service/stock-view";

    private static final Logger LOG = Logger.getLogger(SagaProgress.class);

    private static final String LOCK = "select * from orders where id = ? for update";
    private static final String CONCLUDE = """
            update orders set status = ?, reason = ?, reason_detail = ?, updated_at = ? where id = ?""";

    private final Sql sql;

    private final Outbox outbox;

    private final Timeline timeline;

    private final StockView stock;

    private final MeterRegistry metrics;

    SagaProgress(DataSource database, Outbox outbox, Timeline timeline, StockView stock, MeterRegistry metrics) {
        this.sql = new Sql(database);
        this.outbox = outbox;
        this.timeline = timeline;
        this.stock = stock;
        this.metrics = metrics;
    }

    /** A step that only goes on the timeline (stock reserved, payment outcome, customer notified). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(IncomingEvent event) {
        timeline.recordIfKnown(event.topic(), event.envelope());
    }

    /** StockReserved: the timeline and the new stock levels. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReserved(IncomingEvent event, OrderEvents.StockMove move) {
        stock.apply(move.stock());
        record(event);
    }

    /** StockReservationFailed: the order is REJECTED, OUT_OF_STOCK (nothing was held). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReservationFailed(IncomingEvent event, OrderEvents.StockReservationFailed failed) {
        conclude(event, OrderOutcomeFollowsPayment.outOfStock(failed.detail()));
    }

    /** StockCommitted: paid and sold, the order is CONFIRMED; the view gets the new levels in the same transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stockCommitted(IncomingEvent event, OrderEvents.StockMove move) {
        stock.apply(move.stock());
        conclude(event, OrderOutcomeFollowsPayment.confirmed());
    }

    /** StockReleased: the payment failed and the stock is back; the order concludes with the payment's reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReleased(IncomingEvent event, OrderEvents.StockMove move) {
        stock.apply(move.stock());
        conclude(event, OrderOutcomeFollowsPayment.paymentFailed(move.cause(), move.detail()));
    }

    /** StockLevelsChanged (a catalogue seed): apply it, then say so, for the seed waiting on it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stockLevelsChanged(IncomingEvent event, OrderEvents.StockLevelsChanged levels) {
        stock.apply(levels.items());
        outbox.append("catalogue-ack", null, new ReadModelCaughtUp(STOCK_VIEW, event.envelope().eventId()),
                event.trace());
    }

    private void conclude(IncomingEvent event, OrderOutcomeFollowsPayment conclusion) {
        OrderRow order = sql.one(LOCK, OrderRow::read, UUID.fromString(event.orderId())).orElse(null);
        if (order == null) {
            LOG.warnf("%s about unknown order %s: ignored", event.type(), event.orderId());
            return;
        }
        timeline.record(event.topic(), event.envelope());
        if (!conclusion.appliesTo(order.status)) {
            return;
        }
        order.status = conclusion.status();
        order.reason = conclusion.reason() == null ? null : conclusion.reason().name();
        order.reasonDetail = conclusion.detail();
        order.updatedAt = Sql.now();
        sql.update(CONCLUDE, order.status, order.reason, order.reasonDetail, order.updatedAt, order.id);
        Object announcement = switch (conclusion.status()) {
            case CONFIRMED -> new OrderConfirmed(order.customerId, order.totalCents);
            case REJECTED -> new OrderRejected(order.customerId, order.totalCents, order.reason, order.reasonDetail);
            case FAILED -> new OrderFailed(order.customerId, order.totalCents, order.reason, order.reasonDetail);
            case PENDING -> throw new IllegalStateException("a conclusion is never PENDING");
        };
        EventEnvelope concluded = outbox.append(order.id.toString(), announcement, event.trace());
        timeline.record(Topics.ORDERS, concluded);
        metrics.counter("shoplab.orders.concluded", "status", order.status.name()).increment();
        if (order.status == OrderStatus.REJECTED || order.status == OrderStatus.FAILED) {
            LOG.debugf("order %s %s: %s", order.id, order.status, order.reason);
        }
    }
}
