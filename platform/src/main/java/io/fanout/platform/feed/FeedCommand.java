package io.fanout.platform.feed;

import io.fanout.contracts.FanoutEvent;
import io.fanout.platform.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./fanout feed FILE --provider NAME --partner ID [--kafka HOST:PORT]}: publishes the fixtures
 * of a file onto {@code upstream-fixtures} as an upstream system would. Without {@code --kafka} it
 * publishes to the broker of the platform {@code ./fanout up} (or demo) is running.
 */
public final class FeedCommand {

    /** Where {@code ./fanout up} leaves its broker's address for this command. */
    public static final String BOOTSTRAP_FILE = ".run/kafka-bootstrap";

    private FeedCommand() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path invokedFrom = Path.of(args[1]);
        Path file = null;
        String provider = null;
        String partner = null;
        String kafka = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--provider" -> provider = value(args, ++i);
                case "--partner" -> partner = value(args, ++i);
                case "--kafka" -> kafka = value(args, ++i);
                default -> file = invokedFrom.resolve(args[i]);
            }
        }
        if (file == null || provider == null || partner == null) {
            fail("usage: ./fanout feed FILE --provider NAME --partner PARTNER_ID [--kafka HOST:PORT]");
        }
        if (!Files.isRegularFile(file)) {
            fail("no such file: " + file);
        }
        try {
            UUID.fromString(partner);
        } catch (IllegalArgumentException e) {
            fail("--partner must be a partner id (a UUID), not " + partner);
        }
        if (kafka == null) {
            Path bootstrap = root.resolve(BOOTSTRAP_FILE);
            if (!Files.isRegularFile(bootstrap)) {
                fail("no running platform found (" + bootstrap + "): start ./fanout up, or give --kafka HOST:PORT");
            }
            kafka = Files.readString(bootstrap).trim();
        }
        List<FanoutEvent> fixtures;
        try {
            fixtures = FeedFile.read(file, provider, partner);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            fail(file + ": " + e.getMessage());
            return;
        }
        try (FeedPublisher publisher = new FeedPublisher(kafka)) {
            int count = publisher.publish(provider, fixtures);
            Console.show(String.format("published %d fixtures of %s from %s to upstream-fixtures at %s", count, provider,
                    file, kafka));
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void fail(String message) {
        Console.error("fanout feed: " + message);
        System.exit(2);
    }
}
