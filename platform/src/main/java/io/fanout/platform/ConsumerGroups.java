package io.fanout.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which consumer groups read which topic, as the services' own {@code application.properties} say
 * (each incoming channel's {@code topic} and {@code group.id}): what a check of "every consumer
 * caught up" or "every consumer parked it" must cover, without a list of its own to go stale.
 */
public final class ConsumerGroups {

    private static final Pattern TOPIC = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.([\\w-]+)\\.topic=(.+)$");

    private ConsumerGroups() {
    }

    /** Topic → the groups that read it, for the services built under {@code root}. */
    public static Map<String, Set<String>> byTopic(Path root) {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (Service service : Service.values()) {
            String properties = read(root.resolve(service.module()).resolve("src/main/resources/application.properties"));
            Matcher incoming = TOPIC.matcher(properties);
            while (incoming.find()) {
                Matcher group = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\." + Pattern.quote(incoming.group(1))
                        + "\\.group\\.id=(.+)$").matcher(properties);
                if (!group.find()) {
                    throw new IllegalStateException(service.module() + ": channel " + incoming.group(1) + " has no group.id");
                }
                groups.computeIfAbsent(incoming.group(2).trim(), topic -> new TreeSet<>()).add(group.group(1).trim());
            }
        }
        return groups;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
