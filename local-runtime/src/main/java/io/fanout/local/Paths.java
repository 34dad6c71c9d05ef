package io.fanout.local;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the local processes write logs and data: under the module's {@code target/} directory (tests),
 * or wherever {@code fanout.target.dir} points (the local launcher keeps everything under {@code .run/}).
 */
public final class Paths {

    private Paths() {
    }

    /** The build directory of the module under test (set by Surefire), else {@code ./target}. */
    public static Path target() {
        return Path.of(System.getProperty("fanout.target.dir", "target")).toAbsolutePath();
    }

    /** A fresh directory under {@code target/processes/}. */
    public static Path fresh(String name) {
        return target().resolve("processes").resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
