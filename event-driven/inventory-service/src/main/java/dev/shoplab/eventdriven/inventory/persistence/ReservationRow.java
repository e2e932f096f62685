package dev.shoplab.eventdriven.inventory.persistence;

import dev.shoplab.eventdriven.inventory.domain.ReservationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What inventory decided for one order; the units it holds are its {@link ReservationLineRow}s. */
@Entity
@Table(name = "reservation")
public class ReservationRow {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReservationStatus state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static ReservationRow of(String orderId, ReservationStatus state) {
        ReservationRow reservation = new ReservationRow();
        reservation.orderId = orderId;
        reservation.state = state;
        reservation.createdAt = Instant.now();
        reservation.updatedAt = reservation.createdAt;
        return reservation;
    }

    public void moveTo(ReservationStatus next) {
        state = next;
        updatedAt = Instant.now();
    }
}
