package io.fanout.transcode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A transcode-service test class that drives live sessions ({@link LiveSessions}) for its whole run. */
abstract class LiveSessionsTest {

    static LiveSessions sessions;

    @BeforeAll
    static void openSessions() {
        sessions = new LiveSessions();
    }

    @AfterAll
    static void closeSessions() {
        sessions.close();
    }
}
