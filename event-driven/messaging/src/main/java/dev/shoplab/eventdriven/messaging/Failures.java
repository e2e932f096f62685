package dev.shoplab.eventdriven.messaging;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Tells a transient failure (the database is restarting, a connection broke, a lock timed out: retry the
 * same event until it works, never dead-letter it) from a failure the event itself causes.
 */
public final class Failures {

    private Failures() {
    }

    /** True if retrying the same work later may succeed without anything changing in the event. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof JDBCConnectionException
                    || t instanceof LockAcquisitionException
                    || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException
                    || t instanceof OptimisticLockException
                    || t instanceof RetriableException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of a failure of the server rather than of the statement: connection (08), serialization
     * or deadlock (40), resources (53), operator intervention such as a shutdown (57); none at all is what
     * the connection pool reports when it cannot get a connection.
     */
    private static boolean transientState(String state) {
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57");
    }
}
