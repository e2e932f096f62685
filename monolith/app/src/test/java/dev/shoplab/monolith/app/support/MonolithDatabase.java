package dev.shoplab.monolith.app.support;

import dev.shoplab.testing.TestLab;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL on the monolith's test database, for assertions (and for staging a crash) that the API cannot show. */
public final class MonolithDatabase {

    private MonolithDatabase() {
    }

    /** The first column of the first row, or null when there is no row. */
    public static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public static long count(String sql, Object... params) {
        Object value = value(sql, params);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Every row as column → value (in column order). */
    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = TestLab.get().postgres().connect("monolith");
             PreparedStatement statement = prepare(c, sql, params);
             ResultSet rs = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs one statement, in a transaction of its own (the connection commits it). */
    public static void execute(String sql, Object... params) {
        try (Connection c = TestLab.get().postgres().connect("monolith");
             PreparedStatement statement = prepare(c, sql, params)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
