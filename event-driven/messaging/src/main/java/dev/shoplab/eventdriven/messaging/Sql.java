package dev.shoplab.eventdriven.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain SQL on the connection of the current transaction: how the services' hot paths talk to their database
 * (the outbox, processed events, leases, state moves of one row), one statement per round trip, with nothing
 * between the statement and the driver. Parameters are bound by position: {@link Instant} as a timestamp,
 * an enum by its name, a {@link Collection} as a text array (for {@code = any(?)}), anything else as the
 * driver binds it. A failing statement throws {@link DatabaseException} with the {@link SQLException} as its
 * cause, so {@link Failures#isTransient} can read its SQL state.
 *
 * <p>Inside a JTA transaction the data source hands out the connection enlisted in it (the same one Hibernate
 * uses in that transaction), so these statements commit or roll back with everything else the transaction did.
 */
public final class Sql {

    private final DataSource database;

    /** SQL on {@code database} (inject the service's {@code DataSource}). */
    public Sql(DataSource database) {
        this.database = database;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs an insert, update or delete; returns the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(describe(sql), e);
        }
    }

    /** Runs a query (or a statement with {@code returning}); returns every row, mapped. */
    public <T> List<T> list(String sql, Row<T> mapper, Object... parameters) {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseException(describe(sql), e);
        }
    }

    /** Runs a query that finds at most one row. */
    public <T> Optional<T> one(String sql, Row<T> mapper, Object... parameters) {
        List<T> rows = list(sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("more than one row for " + describe(sql));
        }
        return rows.stream().findFirst();
    }

    /** Runs one statement once per parameter list, as one JDBC batch (one round trip). */
    public void batch(String sql, List<Object[]> parameterLists) {
        if (parameterLists.isEmpty()) {
            return;
        }
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterLists) {
                bind(connection, statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new DatabaseException(describe(sql), e);
        }
    }

    /**
     * Now, to the microsecond: what PostgreSQL's {@code timestamptz} keeps, so a time an answer shows before its row
     * is read back (the 202's {@code createdAt}, an event's {@code occurredAt}) is the one every later read shows.
     */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A nullable timestamp column as an {@link Instant}. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** A nullable bigint column. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(connection, statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, Object[] parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name());
            } else if (value instanceof Collection<?> values) {
                Array array = connection.createArrayOf("text", values.stream().map(String::valueOf).toArray());
                statement.setArray(i + 1, array);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static String describe(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return "SQL failed (" + (oneLine.length() > 80 ? oneLine.substring(0, 79) + "…" : oneLine) + ")";
    }
}
