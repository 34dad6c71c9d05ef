package io.fanout.catalog;

import io.fanout.testkit.ServiceArchitecture;

/** The architecture rules every service keeps (the test kit's {@link ServiceArchitecture}), for catalog-service. */
class ArchitectureTest extends ServiceArchitecture {
}
