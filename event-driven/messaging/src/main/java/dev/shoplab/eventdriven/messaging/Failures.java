package dev.shoplab.eventdriven.messaging;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import javax.transaction.xa.XAException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a transient failure (the database is restarting, a connection broke, a lock timed out: retry the
 * same event until it works, never dead-letter it) from a failure the event itself causes. A commit that fails
 * is transient too: every statement already ran without error before it (no constraint is deferred), so what
 * failed is the database or the connection, not the event.
 */
public final class Failures {

    private Failures() {
    }

    /** True if retrying the same work later may succeed without anything changing in the event. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof RetriableException
                    || t instanceof RollbackException || t instanceof HeuristicMixedException
                    || t instanceof HeuristicRollbackException || t instanceof XAException) {
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
     * or deadlock (40), resources (53), operator intervention such as a shutdown (57), a lock not granted in
     * time (55P03, what plain JDBC reports where Hibernate would throw a lock timeout); none at all is what
     * the connection pool reports when it cannot get a connection.
     */
    private static boolean transientState(String state) {
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.equals("55P03");
    }
}
