package io.fanout.servicekit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of a service's outbox relay (prefix {@code fanout.outbox}). */
@ConfigMapping(prefix = "fanout.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code ce_source} of everything the service emits, such as {@code /fanout/ingest-service}. */
    String source();

    /**
     * Whether the service has an outbox (read at build time: a service without a database builds with
     * {@code false} and gets no outbox beans).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long the relay waits for a wake before it looks anyway: for events a commit did not wake it
     * for (appended by an instance that died before relaying them, or by a relay that failed).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events relayed in one transaction. */
    @WithDefault("200")
    int batchSize();
}
