package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.domain.SearchWords;
import io.fanout.catalog.domain.Sport;
import io.fanout.catalog.persistence.MatchFilter;
import io.fanout.catalog.persistence.MatchListQuery;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Topics;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureUpserted;
import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Ports;
import io.fanout.platform.Service;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * catalog-service under load, on the whole platform as {@code ./fanout up} runs it (every service
 * running): a first burst of fixtures right after start, for partners of their own, then the
 * measured burst of 100,000 fixtures for 100 partners through {@code upstream-fixtures}
 * ({@link FeedBurst}), then the partners' filtered, paged match lists at 50 concurrent callers
 * ({@link ListLoad}) against two baselines of the same service in the same run: its health endpoint
 * (the HTTP path alone) and the partner's feeds (a token checked and one indexed query). The query
 * plan of a list is printed with the numbers; everything replaces the benchmark section of
 * catalog-service/README.md. Run with {@code ./fanout bench catalog}.
 */
public final class CatalogBenchmark {

    private static final int PARTNERS = 100;
    private static final int MATCHES_PER_PARTNER = 1000;
    private static final int CALLERS = 50;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration PHASE = Duration.ofSeconds(20);
    /**
     * Lists of the first burst's partners before the measured burst: with only the short warm-up after
     * it, the JVM was still compiling the list path during the first row (the compiler threads took
     * 15 % of the service's CPU then, 5 % a row later), which a running service has long done.
     */
    private static final Duration LIST_PATH_WARM_UP = Duration.ofSeconds(30);
    private static final String PROVIDER = "bench-feed";
    /**
     * A first burst right after start, for partners of its own: a service's JVM compiles the path on
     * its first use (the compiler threads took 0.2 of the two cores in catalog-service, and 0.18 in
     * publish-service, during a burst right after start), which a running service has long done.
     */
    private static final int WARM_UP_PARTNERS = 20;
    private static final String WARM_UP_PROVIDER = "bench-warm-up";
    private static final String[] SPORTS = {"tennis", "rugby", "football", "basketball", "esports"};
    private static final Instant SEASON = Instant.parse("2027-01-01T00:00:00Z");

    /** A stored match, for cursors and plans. */
    private record Stored(UUID partner, UUID id, Instant start, String sport) {
    }

    private CatalogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), CatalogBenchmark::say,
                EnumSet.allOf(Service.class), PartnerRateLimit.raised())) {
            List<PartnerApi.NewPartner> partners = partners(platform, PARTNERS, "Bench partner", PROVIDER);
            List<PartnerApi.NewPartner> warmUpPartners = partners(platform, WARM_UP_PARTNERS, "Warm-up partner",
                    WARM_UP_PROVIDER);
            say("a first burst right after start, of " + WARM_UP_PARTNERS * MATCHES_PER_PARTNER + " fixtures for "
                    + WARM_UP_PARTNERS + " other partners");
            FeedBurst.Result cold = FeedBurst.run(platform.kafkaBootstrapServers(), platform.serviceUrl(Service.CATALOG),
                    WARM_UP_PROVIDER, fixtures(warmUpPartners, WARM_UP_PROVIDER), platformParts());
            double coldSettled = settle(platform);
            say(String.format(Locale.ROOT, "%,.0f/s; settled %.1f s after", cold.appliedPerSecond(), coldSettled));
            URI catalog = URI.create(platform.serviceUrl(Service.CATALOG));
            Random random = new Random(7);
            say("lists of the first burst's partners for " + LIST_PATH_WARM_UP.toSeconds() + " s (the service compiles "
                    + "its list path, as a running one has)");
            ListLoad.run("list path warm-up", catalog, CALLERS, LIST_PATH_WARM_UP,
                    n -> n % 2 == 0 ? firstPage(warmUpPartners, random) : textSearch(warmUpPartners, random));
            say("the measured burst of " + PARTNERS * MATCHES_PER_PARTNER + " fixtures");
            FeedBurst.Result burst = FeedBurst.run(platform.kafkaBootstrapServers(), platform.serviceUrl(Service.CATALOG),
                    PROVIDER, fixtures(partners, PROVIDER), platformParts());
            Console.show(FeedBurst.table(cold, burst));

            say("waiting until every catalog event is relayed and publish-service has consumed them");
            double settled = settle(platform);
            say(String.format(Locale.ROOT, "settled %.1f s after the burst was processed", settled));
            List<Stored> stored = stored(platform);
            say("warming up for " + WARMUP.toSeconds() + " s");
            ListLoad.run("warm-up", catalog, CALLERS, WARMUP, n -> firstPage(partners, random));
            List<ListRow> rows = new ArrayList<>();
            rows.add(ListRow.run("baseline: `GET /q/health/live` (no token, no database)", catalog,
                    n -> new ListLoad.Call("/q/health/live", null)));
            rows.add(ListRow.run("baseline: `GET /v1/feeds` (token checked, one indexed query)", catalog,
                    n -> new ListLoad.Call("/v1/feeds", partners.get(n % PARTNERS).token())));
            rows.add(ListRow.run("`GET /v1/matches?sport&from&to&limit=20`, first page, before `VACUUM`", catalog,
                    n -> firstPage(partners, random)));
            say("VACUUM (ANALYZE) match, as autovacuum does within minutes of a burst");
            vacuum(platform);
            UUID partner = stored.get(0).partner();
            String plan = plan(platform, MatchListQuery.of("*", partner, firstPageFilter(stored.get(0)), 21));
            String textPlan = "The plan of a text search whose last word is one character (`status=scheduled&q=team 5`), "
                    + "walked:\n\n```\n" + plan(platform, MatchListQuery.walk("*", partner, textFilter("team 5"), 21)
                            .orElseThrow()) + "```\n\nThe plan of one with a longer last word (`q=team 40`), from the "
                    + "index:\n\n```\n" + plan(platform, MatchListQuery.of("*", partner, textFilter("team 40"), 21)) + "```\n";
            rows.add(ListRow.run("`GET /v1/matches?sport&from&to&limit=20`, first page", catalog,
                    n -> firstPage(partners, random)));
            rows.add(ListRow.run("the same, a page further (`cursor`)", catalog,
                    n -> laterPage(partners, stored, random)));
            rows.add(ListRow.run("`GET /v1/matches?status=scheduled&q=<text>&limit=20`", catalog,
                    n -> textSearch(partners, random)));
            ReadmeSection.publish(root.resolve("catalog-service/README.md"), "catalog-benchmark", "Benchmark",
                    report(cold, burst, settled, rows, plan, textPlan));
        }
    }

    /** One row of list calls, and where the machine's CPU went meanwhile. */
    private record ListRow(Callers.Result calls, Map<String, Double> cores) {

        static ListRow run(String name, URI service, IntFunction<ListLoad.Call> calls)
                throws InterruptedException {
            CpuShares cpu = CpuShares.start(List.of(CpuShares.Part.services("service", Service.CATALOG),
                    CpuShares.Part.database("PostgreSQL", Service.CATALOG), CpuShares.Part.thisJvm("callers")));
            Callers.Result result = ListLoad.run(name, service, CALLERS, PHASE, calls);
            ListRow row = new ListRow(result, cpu.end());
            say("meanwhile, in cores: " + CpuShares.line(row.cores()));
            return row;
        }

        String row() {
            return calls.row() + String.format(Locale.ROOT, " %.2f, %.2f, %.2f |", cores.get("service"),
                    cores.get("PostgreSQL"), cores.get("callers"));
        }
    }

    /**
     * The platform's parts whose CPU the burst reports: the two services the burst works, each with
     * its own database's PostgreSQL backends (named by the database in their command line), the
     * producer (this benchmark's JVM), the rest of PostgreSQL, Kafka and the other two services.
     */
    private static List<CpuShares.Part> platformParts() {
        return List.of(CpuShares.Part.services("catalog-service", Service.CATALOG),
                CpuShares.Part.database("PostgreSQL for catalog", Service.CATALOG),
                CpuShares.Part.services("publish-service", Service.PUBLISH),
                CpuShares.Part.database("PostgreSQL for publish", Service.PUBLISH),
                CpuShares.Part.thisJvm("the producer"),
                CpuShares.Part.postgres("the rest of PostgreSQL"),
                new CpuShares.Part("Kafka", c -> c.contains("kafka-runtime")),
                CpuShares.Part.services("ingest- and transcode-service", Service.INGEST, Service.TRANSCODE));
    }

    /**
     * Waits until the platform is quiet again after the burst: catalog-service's outbox relayed and
     * publish-service's consumer of {@code catalog-events} caught up. Returns how long that took.
     */
    private static double settle(LocalPlatform platform) throws Exception {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers()))) {
            await("the platform quiet").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> pendingOutbox(platform) == 0 && lag(admin, "publish-service-catalog-events", Topics.CATALOG_EVENTS) == 0);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static long pendingOutbox(LocalPlatform platform) throws Exception {
        try (Connection c = platform.database(Service.CATALOG).connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Vacuums the match table: the pages a burst wrote become all-visible, so a list's index-only scan
     * reads no table page for its entries. Autovacuum does the same on its own after a burst, on its
     * own schedule ({@code autovacuum_naptime}, a minute by default).
     */
    private static void vacuum(LocalPlatform platform) throws Exception {
        try (Connection c = platform.database(Service.CATALOG).connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) match");
        }
    }

    /** Records of {@code topic} the group has not committed yet. */
    private static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    private static List<PartnerApi.NewPartner> partners(LocalPlatform platform, int count, String name, String provider) {
        say("creating " + count + " partners, each authorising " + provider);
        return IntStream.range(0, count).parallel().mapToObj(p -> {
            PartnerApi.NewPartner partner = PartnerApi.admin(platform).newPartner(name + " " + p);
            PartnerApi.admin(platform).as(partner.token()).authoriseFeed(provider);
            return partner;
        }).toList();
    }

    /** A season of {@link #MATCHES_PER_PARTNER} new matches for each partner, from {@code provider}. */
    private static List<FanoutEvent> fixtures(List<PartnerApi.NewPartner> partners, String provider) {
        List<FanoutEvent> fixtures = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < MATCHES_PER_PARTNER; i++) {
            for (int p = 0; p < partners.size(); p++) {
                Instant start = SEASON.plus(8L * i, ChronoUnit.HOURS).plus(p, ChronoUnit.MINUTES);
                fixtures.add(new FixtureUpserted(provider, "p" + p + "-m" + i, partners.get(p).id(), 1, now,
                        SPORTS[i % SPORTS.length], "League " + (i % 10), "Round " + (i / 10 % 30 + 1), null,
                        List.of(new Participant("Team " + (i % 37), "home"), new Participant("Team " + (i % 41 + 37), "away")),
                        "Venue " + (i % 20), start, start.plus(2, ChronoUnit.HOURS)));
            }
        }
        return fixtures;
    }

    private static ListLoad.Call firstPage(List<PartnerApi.NewPartner> partners, Random random) {
        PartnerApi.NewPartner partner = partners.get(random.nextInt(partners.size()));
        Instant from = SEASON.plus(random.nextInt(300), ChronoUnit.DAYS);
        return new ListLoad.Call("/v1/matches?sport=" + SPORTS[random.nextInt(SPORTS.length)] + "&from=" + from + "&to="
                + from.plus(30, ChronoUnit.DAYS) + "&limit=20", partner.token());
    }

    private static ListLoad.Call laterPage(List<PartnerApi.NewPartner> partners, List<Stored> stored, Random random) {
        Stored after = stored.get(random.nextInt(stored.size()));
        String token = partners.stream().filter(p -> p.id().equals(after.partner().toString())).findFirst().orElseThrow()
                .token();
        Instant from = after.start().minus(15, ChronoUnit.DAYS);
        return new ListLoad.Call("/v1/matches?sport=" + after.sport() + "&from=" + from + "&to=" + from.plus(30,
                ChronoUnit.DAYS) + "&limit=20&cursor=" + cursor(after), token);
    }

    private static ListLoad.Call textSearch(List<PartnerApi.NewPartner> partners, Random random) {
        return new ListLoad.Call("/v1/matches?status=scheduled&q=team%20" + random.nextInt(78) + "&limit=20",
                partners.get(random.nextInt(partners.size())).token());
    }

    /** A cursor as the API returns one: the match's start in microseconds and its id. */
    private static String cursor(Stored match) {
        long micros = match.start().getEpochSecond() * 1_000_000L + match.start().getNano() / 1000;
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + match.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static List<Stored> stored(LocalPlatform platform) throws Exception {
        List<Stored> stored = new ArrayList<>();
        try (Connection c = platform.database(Service.CATALOG).connect();
                PreparedStatement s = c.prepareStatement("SELECT partner_id, id, scheduled_start, sport FROM match "
                        + "WHERE provider = ? ORDER BY random() LIMIT 20000")) {
            s.setString(1, PROVIDER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.add(new Stored(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
                            r.getTimestamp(3).toInstant(), r.getString(4).toLowerCase()));
                }
            }
        }
        return stored;
    }

    /** A first page's filter: the match's sport in a 30-day window around it. */
    private static MatchFilter firstPageFilter(Stored match) {
        return new MatchFilter(Sport.of(match.sport()), null, match.start().minus(15, ChronoUnit.DAYS),
                match.start().plus(15, ChronoUnit.DAYS), null, null, null, null);
    }

    /** A text search's filter, as the benchmark's callers make them. */
    private static MatchFilter textFilter(String q) {
        return new MatchFilter(null, MatchState.SCHEDULED, null, null, null, SearchWords.of(q), null, null);
    }

    /** The plan PostgreSQL runs for the page's statement, the very one catalog-service sends (its columns as {@code *}). */
    private static String plan(LocalPlatform platform, MatchListQuery page) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = platform.database(Service.CATALOG).connect();
                PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) " + page.sql())) {
            for (int i = 0; i < page.parameters().size(); i++) {
                Object value = page.parameters().get(i);
                s.setObject(i + 1, value instanceof Instant instant ? java.sql.Timestamp.from(instant) : value);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static String report(FeedBurst.Result cold, FeedBurst.Result burst, double settled, List<ListRow> rows,
            String plan, String textPlan) {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(LocalDate.now()).append(" on ").append(Machine.describe()).append(" by `./fanout ")
                .append("bench catalog`, on the whole platform as `./fanout up` runs it (Kafka, PostgreSQL, the edge and ")
                .append("the four services on this machine, the load generator too).\n\n**Feed ingestion**\n\n")
                .append(FeedBurst.table(cold, burst)).append(String.format(Locale.ROOT, "\nThe platform was quiet "
                        + "again %.0f s after the measured burst was processed (every `match.scheduled` relayed and consumed "
                        + "by publish-service).\n", settled)).append("\n**Match lists**: ").append(PARTNERS * MATCHES_PER_PARTNER)
                .append(" matches over ").append(PARTNERS).append(" partners (the table also holds the first burst's ")
                .append(String.format(Locale.ROOT, "%,d", WARM_UP_PARTNERS * MATCHES_PER_PARTNER))
                .append(" of ").append(WARM_UP_PARTNERS).append(" other partners), ").append(CALLERS)
                .append(" concurrent callers (each a random partner, its own keep-alive connection, calling again as ")
                .append("soon as answered), ").append(PHASE.toSeconds()).append(" s per row after a ")
                .append(WARMUP.toSeconds()).append(" s warm-up; ").append(PartnerRateLimit.note())
                .append(" (50 callers over 100 partners ask more of a partner once the service answers over 5,000 calls/s). ")
                .append("Before the measured burst, lists of the first burst's partners ran for ")
                .append(LIST_PATH_WARM_UP.toSeconds()).append(" s, so the service's JVM had compiled its list path. ")
                .append("The first three rows run as the burst left the table; then it is vacuumed (`VACUUM (ANALYZE)`, ")
                .append("what autovacuum does on its own within minutes of a burst: the burst's pages become all-visible, ")
                .append("so an index-only scan reads no table page) and the other rows run:\n\n")
                .append("| calls | rate | p50 | p99 | p99.9 | max | failed | cores: service, its PostgreSQL, callers |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> out.append(row.row()).append('\n'));
        out.append("\nThe plan of a first page (`sport`, a 30-day window, 20 rows), once vacuumed:\n\n```\n").append(plan)
                .append("```\n\n").append(textPlan);
        return out.toString();
    }

    private static void say(String step) {
        Console.step(step);
    }
}
