package io.fanout.platform.bench;

import java.util.Map;

/**
 * The partner rate limit a benchmark raises for its run (50 calls/s per partner by default): a
 * benchmark sets up thousands of streams through one partner's API, or loads one service with more
 * calls a second per partner than the limit lets through, and a 429 is neither what it measures nor
 * a set-up it can finish with. What a benchmark's rows measure is otherwise as {@code ./fanout up} runs it.
 */
final class PartnerRateLimit {

    static final int RAISED = 100_000;

    private PartnerRateLimit() {
    }

    /** The environment that raises the limit for every service of the run. */
    static Map<String, String> raised() {
        return Map.of("FANOUT_API_RATE_LIMIT_REQUESTS_PER_SECOND", Integer.toString(RAISED));
    }

    /** What the report says about it. */
    static String note() {
        return String.format(java.util.Locale.ROOT, "the partner rate limit (50 calls/s by default) raised to %,d for "
                + "the run", RAISED);
    }
}
