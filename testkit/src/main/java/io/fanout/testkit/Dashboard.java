package io.fanout.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Grafana dashboard of {@code deploy/grafana/} (or the alert rules of {@code deploy/prometheus/}),
 * read the way a service's test checks it against the service's own {@code /q/metrics}: the PromQL
 * of every panel (every rule), and the metric names it reads.
 */
public final class Dashboard {

    /**
     * Metric names in PromQL: an identifier followed by a selector, a range or a closing parenthesis
     * (a bare name outside any of them, as in {@code x / up}, is not read: the panels select by job).
     */
    private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9_]*)\\s*(?=[{\\[)])");
    private static final Set<String> NOT_METRICS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private final Path file;
    private final List<String> queries;

    private Dashboard(Path file, List<String> queries) {
        this.file = file;
        this.queries = List.copyOf(queries);
    }

    /** Reads {@code deploy/grafana/<name>} of the repository. */
    public static Dashboard named(String name) {
        return read(RepositoryFiles.path("deploy/grafana/" + name));
    }

    /** The expressions of the Prometheus rule file {@code deploy/prometheus/<name>}, read as a dashboard's queries. */
    public static Dashboard alertRules(String name) {
        Path file = RepositoryFiles.path("deploy/prometheus/" + name);
        try {
            List<String> queries = new ArrayList<>();
            for (JsonNode group : new YAMLMapper().readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    queries.add(rule.path("expr").asText());
                }
            }
            return new Dashboard(file, queries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Dashboard read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<String> queries = new ArrayList<>();
            for (JsonNode panel : root.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText("");
                    if (!expr.isBlank()) {
                        queries.add(expr);
                    }
                }
            }
            return new Dashboard(file, queries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public List<String> queries() {
        return queries;
    }

    /** The metric names the dashboard's queries read. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            // Label values and names inside selectors and by (...) clauses are not metrics.
            Matcher matcher = METRIC.matcher(query.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "{}")
                    .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "$1"));
            while (matcher.find()) {
                if (!NOT_METRICS.contains(matcher.group(1))) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    /**
     * The metric names the dashboard reads that start with one of {@code prefixes} and that the
     * Prometheus text ({@code /q/metrics}) does not expose.
     */
    public Set<String> missingFrom(String prometheusText, String... prefixes) {
        Set<String> exposed = prometheusText.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        return metricNames().stream().filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith))
                .filter(name -> !exposed.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
