package dev.shoplab.eventdriven.messaging;

import java.time.Duration;
import java.util.List;

/**
 * Claims due rows of a work table (payments to charge, mails to send) for a while: a row is due when its
 * {@code next_attempt_at} has passed and nobody holds an unexpired lease on it. A worker that crashes
 * simply lets its lease expire, and the row is claimed again; that is why the outbound calls carry
 * idempotency keys.
 */
public final class Leases {

    private Leases() {
    }

    /**
     * Leases up to {@code limit} due rows of {@code table} (with columns {@code next_attempt_at} and
     * {@code lease_until}) that satisfy {@code condition}, in one statement, and returns them as they are after
     * the lease (mapped by {@code row}). Table, id column and condition are constants of the caller, never input.
     */
    public static <T> List<T> claim(Sql sql, String table, String idColumn, String condition, int limit,
                                    Duration lease, Sql.Row<T> row) {
        return claim(sql, table, idColumn, condition, "", limit, lease, row);
    }

    /**
     * As {@link #claim(Sql, String, String, String, int, Duration, Sql.Row)}, and sets {@code alsoSet} (a list of
     * {@code column = expression}, a constant of the caller) on each claimed row in the same statement: what must be
     * true of a row as soon as it is claimed, even if its worker dies before it records anything (payment counts the
     * attempt it is about to make).
     */
    public static <T> List<T> claim(Sql sql, String table, String idColumn, String condition, String alsoSet,
                                    int limit, Duration lease, Sql.Row<T> row) {
        String statement = "update " + table + " set lease_until = now() + make_interval(secs => ?)"
                + (alsoSet.isEmpty() ? "" : ", " + alsoSet) + " where " + idColumn
                + " in (select " + idColumn + " from " + table + " where " + condition
                + " and next_attempt_at <= now() and (lease_until is null or lease_until < now())"
                + " order by next_attempt_at limit ? for update skip locked) returning *";
        return sql.list(statement, row, (double) lease.toMillis() / 1000, limit);
    }
}
