package dev.shoplab.distributed.inventory.domain;

import java.util.List;
import java.util.UUID;

/** The units held for one order, and where that reservation stands. */
public record Reservation(UUID orderId, ReservationStatus status, List<Demand> lines) {

    public Reservation {
        lines = List.copyOf(lines);
    }
}
