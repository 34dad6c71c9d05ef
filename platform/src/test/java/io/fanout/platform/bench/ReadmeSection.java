package io.fanout.platform.bench;

import io.fanout.platform.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's results in the README of what it measures: the text between
 * {@code <!-- <name>:start -->} and {@code <!-- <name>:end -->} is replaced, or, the first time, a
 * section with {@code heading} is appended.
 */
public final class ReadmeSection {

    private ReadmeSection() {
    }

    /** Prints the results on the console, writes them into the README and says where. */
    public static void publish(Path readme, String name, String heading, String body) throws IOException {
        Console.show(body);
        write(readme, name, heading, body);
        Console.step("written to " + readme);
    }

    static void write(Path readme, String name, String heading, String body) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + body.strip() + "\n" + end;
        String text = Files.readString(readme);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        Files.writeString(readme, from < 0 || to < 0
                ? text.stripTrailing() + "\n\n## " + heading + "\n\n" + section + "\n"
                : text.substring(0, from) + section + text.substring(to + end.length()));
    }
}
