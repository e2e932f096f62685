package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.messaging.EventEnvelope;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.order.domain.OrderIds;
import dev.shoplab.eventdriven.order.domain.OrderQuote;
import dev.shoplab.eventdriven.order.domain.OrderQuote.PricedLine;
import dev.shoplab.eventdriven.order.domain.OrderStatus;
import dev.shoplab.eventdriven.order.domain.PlaceOrder;
import dev.shoplab.eventdriven.order.domain.SameKeyMeansSameRequest;
import dev.shoplab.eventdriven.order.events.OrderEvents.OrderPlaced;
import dev.shoplab.eventdriven.order.events.OrderEvents.PlacedLine;
import dev.shoplab.eventdriven.order.persistence.OrderLineRow;
import dev.shoplab.eventdriven.order.persistence.OrderRow;
import dev.shoplab.eventdriven.order.persistence.StockViewRow;
import dev.shoplab.eventdriven.order.persistence.TimelineEntryRow;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Accepting and reading orders at the edge. Placing one writes the order, its lines, the first step of its
 * timeline and the OrderPlaced event in one local transaction (the outbox); the saga does the rest. Reading
 * one takes three queries outside any transaction (a poll needs no more than the latest committed state).
 */
@ApplicationScoped
public class OrderPlacement {

    /** What placing a request led to. */
    public sealed interface Placement {
    }

    /** A new order, PENDING. */
    public record Accepted(OrderView order) implements Placement {
    }

    /** The order an earlier request with the same key and body placed. */
    public record Replayed(OrderView order) implements Placement {
    }

    /** The key was used before for another request. */
    public record KeyReused(String key) implements Placement {
    }

    /** Some skus are not in the catalogue. */
    public record UnknownSkus(List<String> skus) implements Placement {
    }

    private static final String BY_KEY = "select * from orders where idempotency_key = ?";
    private static final String BY_ID = "select * from orders where id = ?";
    private static final String LINES = "select * from order_line where order_id = ? order by line_no";

    private final Sql sql;

    private final Outbox outbox;

    private final StockView stock;

    private final Timeline timeline;

    private final MeterRegistry metrics;

    OrderPlacement(DataSource database, Outbox outbox, StockView stock, Timeline timeline, MeterRegistry metrics) {
        this.sql = new Sql(database);
        this.outbox = outbox;
        this.stock = stock;
        this.timeline = timeline;
        this.metrics = metrics;
    }

    /** Places a request that meets the rules, or tells why not; a repeated key replays the first order. */
    @Transactional
    public Placement place(PlaceOrder request, String idempotencyKey, TraceParent trace) {
        String fingerprint = SameKeyMeansSameRequest.fingerprint(request);
        if (idempotencyKey != null) {
            Optional<Placement> earlier = earlier(idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Map<String, StockViewRow> catalogue = stock.findAll(request.lines().stream().map(PlaceOrder.Line::sku).toList());
        List<String> unknown = request.lines().stream().map(PlaceOrder.Line::sku)
                .filter(sku -> !catalogue.containsKey(sku)).distinct().toList();
        if (!unknown.isEmpty()) {
            return new UnknownSkus(unknown);
        }
        List<PricedLine> priced = request.lines().stream()
                .map(l -> new PricedLine(l.sku(), l.quantity(), catalogue.get(l.sku()).priceCents)).toList();

        OrderRow order = new OrderRow();
        order.id = OrderIds.next(Instant.now());
        order.customerId = request.customerId();
        order.status = OrderStatus.PENDING;
        order.totalCents = OrderQuote.totalCents(priced);
        order.paymentToken = request.paymentToken();
        order.idempotencyKey = idempotencyKey;
        order.requestFingerprint = fingerprint;
        order.traceparent = trace.header();
        order.createdAt = Sql.now();
        order.updatedAt = order.createdAt;
        // A concurrent request with the same key fails here, on the unique key, inside this method.
        sql.update(OrderRow.INSERT, order.insertParameters());
        List<OrderLineRow> lines = new ArrayList<>();
        for (int i = 0; i < priced.size(); i++) {
            OrderLineRow line = new OrderLineRow();
            line.orderId = order.id;
            line.lineNo = i + 1;
            line.sku = priced.get(i).sku();
            line.quantity = priced.get(i).quantity();
            line.unitPriceCents = priced.get(i).unitPriceCents();
            lines.add(line);
        }
        sql.batch(OrderLineRow.INSERT, lines.stream().map(OrderLineRow::insertParameters).toList());
        // Pattern: outbox. The event is a row of this transaction: published if and only if the order exists.
        EventEnvelope placed = outbox.append(order.id.toString(), new OrderPlaced(order.customerId,
                priced.stream().map(p -> new PlacedLine(p.sku(), p.quantity(), p.unitPriceCents())).toList(),
                order.totalCents, order.paymentToken), trace);
        TimelineEntryRow first = timeline.record(Topics.ORDERS, placed);
        metrics.counter("shoplab.orders.accepted").increment();
        return new Accepted(OrderView.of(order, lines, List.of(first))); // nothing else can have happened to it yet
    }

    /** What an earlier request with this key placed, if any: the same order, or a 409 for another body. */
    @Transactional
    public Optional<Placement> earlier(String idempotencyKey, String fingerprint) {
        return sql.one(BY_KEY, OrderRow::read, idempotencyKey)
                .map(order -> order.requestFingerprint.equals(fingerprint)
                        ? new Replayed(view(order)) : new KeyReused(idempotencyKey));
    }

    /** An order as the API shows it. */
    public Optional<OrderView> find(UUID orderId) {
        return sql.one(BY_ID, OrderRow::read, orderId).map(this::view);
    }

    private OrderView view(OrderRow order) {
        return OrderView.of(order, sql.list(LINES, OrderLineRow::read, order.id), timeline.of(order.id));
    }
}
