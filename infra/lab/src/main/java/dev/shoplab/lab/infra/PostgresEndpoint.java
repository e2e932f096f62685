package dev.shoplab.lab.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/** Where a PostgreSQL server answers, and the one operation the lab needs on it: a database per owner. */
public record PostgresEndpoint(String host, int port, String user, String password) {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** JDBC URL of one database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Opens a connection to one database (the caller closes it). */
    /**
     * The Quarkus datasource settings of a service whose database is {@code database} on this server
     * ({@code quarkus.datasource.jdbc.url}, {@code .username} and, when there is one, {@code .password}),
     * in a map the caller may add to.
     */
    public Map<String, String> quarkusDatasource(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", user);
        if (password != null) {
            config.put("quarkus.datasource.password", password);
        }
        return config;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        // the whole log-in, not only the TCP connect: a postmaster that accepts and then stalls (or another
        // program on its port) must not hold a readiness check past its bound
        props.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Creates the database {@code name} unless it exists; names are lower-case identifiers such as {@code dm_order}. */
    public void createDatabase(String name) {
        requireValidName(name);
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + name);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another caller: what we wanted
            }
            throw new IllegalStateException("Cannot create database " + name + " on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database {@code name} if it exists, closing its sessions first. */
    public void dropDatabase(String name) {
        requireValidName(name);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name + " on " + this + ": " + e.getMessage(), e);
        }
    }

    private static void requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid database name '" + name
                    + "': use a lower-case letter followed by letters, digits or '_' (at most 63).");
        }
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port;
    }
}
