package io.fanout.testkit.quarkus;

import io.fanout.local.Postgres;
import io.fanout.testkit.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} its own database on the test JVM's PostgreSQL server (a fresh one
 * per test JVM, shared by its test classes so migrations run once), and switches datasource Dev
 * Services off. Use with {@code @WithTestResource(PostgresResource.class)}.
 */
public final class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final class Holder {
        static final Postgres.Database DATABASE = TestDatabases.shared().createDatabase("fanout_test");
    }

    @Override
    public Map<String, String> start() {
        Postgres.Database database = Holder.DATABASE;
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The database lives as long as the test JVM; Postgres drops it when the JVM exits.
    }
}
