package dev.shoplab.eventdriven.messaging;

import jakarta.persistence.EntityManager;
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
     * {@code lease_until}) that satisfy {@code condition}; returns their ids. Table, id column and condition
     * are constants of the caller, never input.
     */
    @SuppressWarnings("unchecked")
    public static List<String> claim(EntityManager em, String table, String idColumn, String condition, int limit,
                                     Duration lease) {
        String sql = "update " + table + " set lease_until = now() + make_interval(secs => :lease) where " + idColumn
                + " in (select " + idColumn + " from " + table + " where " + condition
                + " and next_attempt_at <= now() and (lease_until is null or lease_until < now())"
                + " order by next_attempt_at limit :limit for update skip locked) returning " + idColumn;
        return ((List<Object>) em.createNativeQuery(sql)
                .setParameter("lease", (double) lease.toMillis() / 1000)
                .setParameter("limit", limit)
                .getResultList()).stream().map(Object::toString).toList();
    }

    /**
     * Leases due rows as {@link #claim} does and returns them as entities of {@code type}, whose identifier
     * property {@code idProperty} maps {@code idColumn}.
     */
    public static <T> List<T> claimRows(EntityManager em, Class<T> type, String table, String idColumn,
                                        String idProperty, String condition, int limit, Duration lease) {
        List<String> ids = claim(em, table, idColumn, condition, limit, lease);
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from " + type.getSimpleName() + " where " + idProperty + " in :ids", type)
                .setParameter("ids", ids).getResultList();
    }
}
