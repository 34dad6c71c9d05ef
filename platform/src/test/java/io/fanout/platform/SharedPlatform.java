package io.fanout.platform;

import java.nio.file.Path;

/** One running platform per test JVM, shared by the system tests and stopped when the JVM exits. */
final class SharedPlatform {

    private static final class Holder {
        static final LocalPlatform PLATFORM = start();
    }

    private SharedPlatform() {
    }

    static LocalPlatform get() {
        return Holder.PLATFORM;
    }

    private static LocalPlatform start() {
        LocalPlatform platform = LocalPlatform.start(Path.of(System.getProperty("fanout.root", "..")), Ports.free(),
                step -> { });
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "fanout-platform-stop"));
        return platform;
    }
}
