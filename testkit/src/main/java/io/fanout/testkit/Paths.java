package io.fanout.testkit;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the test kit writes logs and data: under the module's {@code target/} directory, or wherever
 * {@code fanout.target.dir} points (the local launcher keeps everything under {@code .run/}).
 */
public final class Paths {

    private Paths() {
    }

    /** The build directory of the module under test (set by Surefire), else {@code ./target}. */
    public static Path target() {
        return Path.of(System.getProperty("fanout.target.dir", "target")).toAbsolutePath();
    }

    /** A fresh directory under {@code target/fanout-testkit/}. */
    public static Path fresh(String name) {
        return target().resolve("fanout-testkit").resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
