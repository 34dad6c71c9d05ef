package io.fanout.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** catalog-service's own settings (prefix {@code fanout.catalog}). */
@ConfigMapping(prefix = "fanout.catalog")
public interface CatalogConfig {

    /** How long after its scheduled start a match that is not live is flagged late. */
    @WithDefault("5m")
    Duration lateGrace();

    /** How often scheduled matches are checked for lateness (read by the sweep's schedule). */
    @WithDefault("15s")
    Duration lateSweepInterval();

    /** How often the match counts behind the metrics are taken (read by their schedule). */
    @WithDefault("10s")
    Duration metricsInterval();

    /** The largest upstream fixture record accepted; a larger one is parked on the dead-letter topic. */
    @WithDefault("65536")
    int maxFixtureBytes();
}
