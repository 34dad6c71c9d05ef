package io.fanout.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PostgreSQL server and fresh databases on it, so that runs (test JVMs, the local launcher) never
 * see each other's data: the local server named by {@code FANOUT_PG_URL} ({@code host:port}, default
 * {@code 127.0.0.1:5432}) with {@code FANOUT_PG_USER} / {@code FANOUT_PG_PASSWORD} (default
 * {@code fanout} / {@code fanout}, a role allowed to create databases), or any other server
 * ({@link #at}). Databases this JVM created are dropped when it exits.
 */
public final class Postgres {

    /** Connection details of one database. */
    public record Database(String name, String jdbcUrl, String username, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }
    }

    private final String hostPort;
    private final String username;
    private final String password;
    private final List<String> created = new CopyOnWriteArrayList<>();

    private Postgres(String hostPort, String username, String password) {
        this.hostPort = hostPort;
        this.username = username;
        this.password = password;
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreated, "fanout-pg-cleanup"));
    }

    /** A server of one's own at {@code hostPort} (a private cluster the caller runs), on which databases are made alike. */
    public static Postgres at(String hostPort, String username, String password) {
        return new Postgres(hostPort, username, password);
    }

    /** The local server the environment names ({@code FANOUT_PG_URL}, {@code FANOUT_PG_USER}, {@code FANOUT_PG_PASSWORD}). */
    public static Postgres fromEnvironment() {
        return new Postgres(
                setting("FANOUT_PG_URL", "127.0.0.1:5432"),
                setting("FANOUT_PG_USER", "fanout"),
                setting("FANOUT_PG_PASSWORD", "fanout"));
    }

    /** Creates an empty database named {@code <prefix>_<random>} and returns how to reach it. */
    public Database createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = DriverManager.getConnection(url("postgres"), username, password);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + hostPort
                    + " as " + username + " (is PostgreSQL running? ./fanout setup starts it)", e);
        }
        created.add(name);
        return new Database(name, url(name), username, password);
    }

    private String url(String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database;
    }

    private void dropCreated() {
        try (Connection admin = DriverManager.getConnection(url("postgres"), username, password);
                Statement statement = admin.createStatement()) {
            for (String name : created) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            // The server may already be gone (container stopped first); the databases go with it.
        }
    }

    private static String setting(String name, String fallback) {
        return System.getProperty(name, System.getenv().getOrDefault(name, fallback));
    }
}
