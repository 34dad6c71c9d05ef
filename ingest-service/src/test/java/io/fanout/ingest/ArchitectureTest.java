package io.fanout.ingest;

import io.fanout.testkit.ServiceArchitecture;

/** The architecture rules every service keeps (the test kit's {@link ServiceArchitecture}), for ingest-service. */
class ArchitectureTest extends ServiceArchitecture {
}
