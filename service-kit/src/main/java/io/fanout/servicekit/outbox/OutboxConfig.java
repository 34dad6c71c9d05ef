package io.fanout.servicekit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of a service's outbox relay (prefix {@code fanout.outbox}). */
@ConfigMapping(prefix = "fanout.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code ce_source} of everything the service emits, such as {@code /fanout/ingest-service}. */
    String source();

    /** Most events relayed in one transaction. */
    @WithDefault("200")
    int batchSize();
}
