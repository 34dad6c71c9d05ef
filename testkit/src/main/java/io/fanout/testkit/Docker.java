package io.fanout.testkit;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Decides once per JVM whether the test kit uses Testcontainers or local processes. Set
 * {@code FANOUT_TESTKIT_DOCKER} (environment or system property) to {@code never}, {@code always}
 * or {@code auto} (the default: containers when a Docker engine answers, local processes otherwise).
 */
public final class Docker {

    private static volatile Boolean available;

    private Docker() {
    }

    public static boolean available() {
        if (available == null) {
            synchronized (Docker.class) {
                if (available == null) {
                    available = decide();
                }
            }
        }
        return available;
    }

    private static boolean decide() {
        String mode = System.getProperty("FANOUT_TESTKIT_DOCKER", System.getenv().getOrDefault("FANOUT_TESTKIT_DOCKER", "auto"));
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "never":
                return false;
            case "always":
                return true;
            default:
                try {
                    return DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError noDocker) {
                    return false;
                }
        }
    }
}
