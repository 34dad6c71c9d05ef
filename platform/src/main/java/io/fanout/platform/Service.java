package io.fanout.platform;

/** The four services as the local platform runs them: module directory, usual port, database. */
public enum Service {
    INGEST("ingest-service", 8081, "fanout_ingest"),
    TRANSCODE("transcode-service", 8082, null),
    PUBLISH("publish-service", 8083, "fanout_publish"),
    CATALOG("catalog-service", 8084, "fanout_catalog");

    private final String module;
    private final int defaultPort;
    private final String database;

    Service(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Prefix of the service's own database, or null for a service that keeps no state. */
    public String database() {
        return database;
    }
}
