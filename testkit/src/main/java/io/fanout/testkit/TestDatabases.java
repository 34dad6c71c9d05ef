package io.fanout.testkit;

import io.fanout.local.Postgres;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of this test JVM, on which every test makes fresh databases: a Testcontainers
 * container where a Docker engine answers ({@link Docker}), otherwise the local server the
 * environment names ({@link Postgres#fromEnvironment()}).
 */
public final class TestDatabases {

    private static final class Holder {
        static final Postgres SHARED = Docker.available() ? container() : Postgres.fromEnvironment();
    }

    private TestDatabases() {
    }

    /** The server of this test JVM. */
    public static Postgres shared() {
        return Holder.SHARED;
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static Postgres container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                .withUsername("fanout").withPassword("fanout");
        container.start();
        return Postgres.at(container.getHost() + ":" + container.getMappedPort(5432), "fanout", "fanout");
    }
}
