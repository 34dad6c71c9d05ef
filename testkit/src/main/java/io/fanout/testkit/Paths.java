package io.fanout.testkit;

import java.nio.file.Path;
import java.util.UUID;

/** Where the test kit writes logs and data: under the module's {@code target/} directory. */
final class Paths {

    private Paths() {
    }

    /** The build directory of the module under test (set by Surefire), else {@code ./target}. */
    static Path target() {
        return Path.of(System.getProperty("fanout.target.dir", "target")).toAbsolutePath();
    }

    /** A fresh directory under {@code target/fanout-testkit/}. */
    static Path fresh(String name) {
        return target().resolve("fanout-testkit").resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
