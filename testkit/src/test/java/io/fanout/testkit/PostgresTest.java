package io.fanout.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.local.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void eachDatabaseIsFreshAndHoldsWhatIsWrittenToIt() throws Exception {
        Postgres.Database first = TestDatabases.shared().createDatabase("kit");
        Postgres.Database second = TestDatabases.shared().createDatabase("kit");
        assertThat(first.name()).isNotEqualTo(second.name());

        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stream (id text PRIMARY KEY, state text NOT NULL)");
            statement.execute("INSERT INTO stream VALUES ('s1', 'live')");
            try (ResultSet rows = statement.executeQuery("SELECT state FROM stream WHERE id = 's1'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("live");
            }
        }
        try (Connection connection = second.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'stream'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the second database does not see the first one's table").isZero();
        }
    }
}
