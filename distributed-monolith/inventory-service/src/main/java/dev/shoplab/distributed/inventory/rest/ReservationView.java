package dev.shoplab.distributed.inventory.rest;

import dev.shoplab.distributed.inventory.domain.ReservationStatus;
import dev.shoplab.distributed.inventory.persistence.ReservationRow;
import java.util.List;
import java.util.UUID;

/** A reservation as the API shows it. */
public record ReservationView(UUID orderId, ReservationStatus status, List<Line> lines) {

    /** Units of one sku held for the order. */
    public record Line(String sku, int quantity) {
    }

    static ReservationView of(ReservationRow row) {
        return new ReservationView(row.orderId, row.status,
                row.lines.stream().map(l -> new Line(l.sku, l.quantity)).toList());
    }
}
