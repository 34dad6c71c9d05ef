package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./fanout up} and {@code ./fanout demo} run on (the runtime classpath the build writes to
 * {@code target/launcher.classpath}) holds no test framework: no test kit, JUnit, AssertJ,
 * rest-assured, Testcontainers, Selenium, ArchUnit, Quarkus' test support or fabric8's mock server.
 * The local processes it runs come from local-runtime.
 */
class LauncherClasspathTest {

    private static final List<String> TEST_ONLY = List.of("fanout-testkit", "junit", "assertj", "rest-assured",
            "testcontainers", "selenium", "archunit", "quarkus-test", "kubernetes-server-mock", "mockwebserver",
            "opentelemetry-sdk-testing");

    @Test
    void theLauncherRunsOnTheLocalRuntimeAndNoTestFramework() throws Exception {
        List<String> jars = Arrays.stream(Files.readString(Path.of("target/launcher.classpath")).trim()
                .split(File.pathSeparator)).map(jar -> Path.of(jar).getFileName().toString()).toList();

        assertThat(jars).as("the launcher's runtime classpath").anyMatch(jar -> jar.startsWith("fanout-local-runtime-"))
                .anyMatch(jar -> jar.startsWith("fanout-contracts-"));
        for (String testOnly : TEST_ONLY) {
            assertThat(jars).as("jars of %s on the launcher's classpath", testOnly).noneMatch(jar -> jar.contains(testOnly));
        }
    }
}
