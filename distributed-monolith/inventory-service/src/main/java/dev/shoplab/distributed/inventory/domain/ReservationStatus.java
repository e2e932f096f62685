package dev.shoplab.distributed.inventory.domain;

/**
 * Where a reservation stands: HELD (units set aside), then CONFIRMED (the units are sold) or RELEASED
 * (they are available again). Asking for the state it is already in is harmless, as a retried call
 * must be; going from one end state to the other is refused.
 */
public enum ReservationStatus {
    HELD,
    CONFIRMED,
    RELEASED;

    /** Thrown when a confirmed reservation is asked to release or a released one to confirm. */
    public static final class ChangeRefused extends RuntimeException {
        public ChangeRefused(String message) {
            super(message);
        }
    }

    /** The status after a confirmation; whether the units move is {@link #movesUnitsTo(ReservationStatus)}. */
    public ReservationStatus confirm() {
        if (this == RELEASED) {
            throw new ChangeRefused("the reservation was released; its units may be sold to another order");
        }
        return CONFIRMED;
    }

    /** The status after a release. */
    public ReservationStatus release() {
        if (this == CONFIRMED) {
            throw new ChangeRefused("the reservation was confirmed; its units are sold");
        }
        return RELEASED;
    }

    /** True when going from this status to {@code next} moves units (the first confirmation or release). */
    public boolean movesUnitsTo(ReservationStatus next) {
        return this == HELD && next != HELD;
    }
}
