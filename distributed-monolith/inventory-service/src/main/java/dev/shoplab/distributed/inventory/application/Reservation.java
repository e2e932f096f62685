package dev.shoplab.distributed.inventory.application;

import dev.shoplab.distributed.inventory.domain.Demand;
import dev.shoplab.distributed.inventory.domain.ReservationStatus;
import java.util.List;
import java.util.UUID;

/** The units held for one order, and where that reservation stands. */
public record Reservation(UUID orderId, ReservationStatus status, List<Demand> lines) {

    public Reservation {
        lines = List.copyOf(lines);
    }
}
