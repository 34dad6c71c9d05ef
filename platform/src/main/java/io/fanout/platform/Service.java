package io.fanout.platform;

/** The four services as the local platform runs them: module directory, usual port, database, API. */
public enum Service {
    INGEST("ingest-service", 8081, "fanout_ingest", true),
    TRANSCODE("transcode-service", 8082, null, false),
    PUBLISH("publish-service", 8083, "fanout_publish", true),
    CATALOG("catalog-service", 8084, "fanout_catalog", true);

    private final String module;
    private final int defaultPort;
    private final String database;
    private final boolean partnerApi;

    Service(String module, int defaultPort, String database, boolean partnerApi) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
        this.partnerApi = partnerApi;
    }

    /** Whether it serves a partner API (and so OpenAPI and Swagger UI). */
    public boolean partnerApi() {
        return partnerApi;
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
