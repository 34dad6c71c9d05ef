package io.fanout.transcode;

import io.fanout.testkit.ServiceArchitecture;

/** The architecture rules every service keeps (the test kit's {@link ServiceArchitecture}), for transcode-service. */
class ArchitectureTest extends ServiceArchitecture {
}
