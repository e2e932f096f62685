package dev.shoplab.eventdriven.inventory.domain;

/**
 * Where one order's reservation stands: RESERVED (units held), then SOLD (the order was confirmed) or
 * RELEASED (it was rejected or failed: the units are available again); REFUSED when stock was short and
 * nothing was held. Only a RESERVED reservation settles, once: a redelivered or late event changes nothing.
 */
public enum ReservationStatus {
    /** Units are held for the order. */
    RESERVED,
    /** The order was confirmed: the held units are sold. */
    SOLD,
    /** The order was rejected or failed: the held units are available again. */
    RELEASED,
    /** Stock was short: nothing was held. */
    REFUSED;

    /** Whether a reservation in this status may settle (be sold or released). */
    public boolean settles() {
        return this == RESERVED;
    }
}
