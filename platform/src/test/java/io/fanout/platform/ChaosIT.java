package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.platform.chaos.ChaosCommand;
import io.fanout.platform.chaos.ChaosRun;
import io.fanout.platform.chaos.ChaosRun.Options;
import io.fanout.platform.chaos.ChaosRun.Report;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short seeded chaos run: Fanout on a PostgreSQL cluster of its own, two streams live on three
 * destinations each with their ladders and a bound match, and every kind of fault once (the broker,
 * PostgreSQL, each service, the edge, a destination frozen, a push, a ladder, an encoder), one every
 * 20 s in the seed's order. Everything must be back on air within 15 s of the last fault, every
 * consumer caught up, nothing dead-lettered, every committed change on its topic once and nothing
 * that was not committed, never two pushes for one destination or two ladders for one stream, and
 * no process left once it stopped. Its own platform: the shared one must not have its parts killed.
 */
class ChaosIT {

    /** Room for each kind of fault once: eleven slots of 20 s, the frozen destination's 35. */
    private static final Duration LENGTH = Duration.ofSeconds(240);
    private static final long SEED = 20261203L;

    @Test
    void everyKindOfFaultOnceAndEverythingIsBackWithEveryEventOnce() {
        Report report = ChaosRun.execute(Path.of(System.getProperty("fanout.root", "..")), new Options(LENGTH, SEED),
                Console::step);
        String described = ChaosCommand.describe(report);
        Console.show(described);
        assertThat(report.faults()).as("faults injected").hasSizeGreaterThanOrEqualTo(11);
        assertThat(report.failures()).as(described).isEmpty();
    }
}
