package dev.shoplab.eventdriven.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What inventory decided for one order; the units it holds are its {@link ReservationLine}s. */
@Entity
@Table(name = "reservation")
public class Reservation {

    /** Where a reservation stands. */
    public enum State {
        /** Units are held for the order. */
        RESERVED,
        /** The order was confirmed: the held units are sold. */
        SOLD,
        /** The order was rejected or failed: the held units are available again. */
        RELEASED,
        /** Stock was short: nothing was held. */
        REFUSED
    }

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Reservation of(String orderId, State state) {
        Reservation reservation = new Reservation();
        reservation.orderId = orderId;
        reservation.state = state;
        reservation.createdAt = Instant.now();
        reservation.updatedAt = reservation.createdAt;
        return reservation;
    }

    public void moveTo(State next) {
        state = next;
        updatedAt = Instant.now();
    }
}
