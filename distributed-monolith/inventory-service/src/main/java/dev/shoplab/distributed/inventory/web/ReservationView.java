package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.application.Reservation;
import dev.shoplab.distributed.inventory.domain.ReservationStatus;
import java.util.List;
import java.util.UUID;

/** A reservation as the API shows it. */
public record ReservationView(UUID orderId, ReservationStatus status, List<Line> lines) {

    /** Units of one sku held for the order. */
    public record Line(String sku, int quantity) {
    }

    static ReservationView of(Reservation reservation) {
        return new ReservationView(reservation.orderId(), reservation.status(),
                reservation.lines().stream().map(l -> new Line(l.sku(), l.quantity())).toList());
    }
}
