package io.fanout.platform.chaos;

import io.fanout.platform.Console;
import io.fanout.platform.bench.Machine;
import io.fanout.platform.bench.ReadmeSection;
import io.fanout.platform.chaos.ChaosRun.Options;
import io.fanout.platform.chaos.ChaosRun.Outcome;
import io.fanout.platform.chaos.ChaosRun.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./fanout chaos [--minutes N] [--seed S]}: a chaos run ({@link ChaosRun}) of N minutes
 * (default 30) with seed S (default: the time), its findings printed and, for a run of 30 minutes
 * or more, written into the platform README. Exits 1 when something that must hold did not.
 */
public final class ChaosCommand {

    private ChaosCommand() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        long minutes = 30;
        long seed = System.currentTimeMillis();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--minutes N, --seed S)");
            }
        }
        Console.step("chaos run: " + minutes + " min, seed " + seed);
        Report report = ChaosRun.execute(root, new Options(Duration.ofMinutes(minutes), seed), Console::step);
        String text = describe(report);
        if (minutes >= 30) {
            ReadmeSection.publish(root.resolve("platform/README.md"), "chaos", "Chaos run", text);
        } else {
            Console.show(text);
        }
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /** The report as the README shows it: what was injected, how fast everything was back, what held. */
    public static String describe(Report report) {
        Map<Fault, long[]> byKind = new EnumMap<>(Fault.class);
        for (Outcome outcome : report.faults()) {
            long[] seen = byKind.computeIfAbsent(outcome.fault(), f -> new long[] {0, 0, 0});
            seen[0]++;
            if (outcome.recoveredMillis() < 0) {
                seen[2]++;
            } else {
                seen[1] = Math.max(seen[1], outcome.recoveredMillis());
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "`./fanout chaos --minutes %d --seed %d` on %s: %d faults, one at a time.%n%n",
                report.options().length().toMinutes(), report.options().seed(), Machine.describe(), report.faults().size()));
        text.append("| fault | injected | worst time until every destination and ladder was on air again (after the fault was over) |\n");
        text.append("|---|---|---|\n");
        byKind.forEach((fault, seen) -> text.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", fault.description(),
                seen[0], (seen[1] / 1000.0 + " s").replace(".0 s", " s")
                        + (seen[2] > 0 ? " (" + seen[2] + " times not within 15 s)" : ""))));
        List<String> failures = report.failures();
        text.append(String.format(Locale.ROOT, "%nAfter the last fault: on air again in %s; %s; committed changes %d, "
                        + "records on the topics from them %d; redelivered copies of events on all topics (ladders' and renditions' included) %d; dead-lettered %d; process table sampled %d "
                        + "times, most pushes at once for one destination %d, most ladders at once for one stream %d; "
                        + "processes left after stop %d.%n%n%s%n",
                report.lastRecoveryMillis() < 0 ? "not within 15 s" : report.lastRecoveryMillis() + " ms",
                report.consumersBehind().isEmpty() ? "every consumer caught up" : "behind: " + report.consumersBehind(),
                report.audit().committed(), report.audit().onTopics(), report.audit().redelivered(), report.deadLetteredCount(),
                report.samples(), most(report.mostPushesAtOnce()), most(report.mostLaddersAtOnce()),
                report.processesLeft().size(),
                failures.isEmpty() ? "Everything that must hold held." : "Did not hold:\n- " + String.join("\n- ", failures)));
        return text.toString();
    }

    private static int most(Map<String, Integer> mostAtOnce) {
        return mostAtOnce.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
