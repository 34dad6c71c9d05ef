package io.fanout.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository outside the module under test (a test runs in its module's directory). */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** {@code relative} (such as {@code deploy/grafana/fanout.json}) under the nearest directory above that has it. */
    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("no " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
