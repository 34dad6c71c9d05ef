package io.fanout.publish;

import io.fanout.testkit.ServiceArchitecture;

/** The architecture rules every service keeps (the test kit's {@link ServiceArchitecture}), for publish-service. */
class ArchitectureTest extends ServiceArchitecture {
}
