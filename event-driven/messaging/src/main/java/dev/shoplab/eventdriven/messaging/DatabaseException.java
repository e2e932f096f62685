package dev.shoplab.eventdriven.messaging;

import java.sql.SQLException;

/**
 * A failed SQL statement of plain JDBC code, unchecked so that it rolls back the transaction it happened in.
 * The {@link SQLException} stays its cause: {@link Failures#isTransient} reads its SQL state.
 */
public class DatabaseException extends RuntimeException {

    /** @param what what was being done, for the log line ("cannot append OrderPlaced to the outbox") */
    public DatabaseException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
