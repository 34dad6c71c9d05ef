package io.fanout.platform.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The go-live benchmark's results as the section of publish-service's README. */
final class GoLiveReport {

    private GoLiveReport() {
    }

    static String render(LocalDate date, String machine, int destinations, boolean scraped, List<Double> baseline,
            List<GoLiveTrial.Timings> repeated, List<GoLiveTrial.Timings> fresh, List<GoLiveBenchmark.Hops> repeatedHops,
            List<GoLiveBenchmark.Hops> freshHops) {
        List<Double> again = repeated.stream().map(GoLiveTrial.Timings::slowestSeconds).toList();
        List<Double> first = fresh.stream().map(GoLiveTrial.Timings::slowestSeconds).toList();
        double base = median(baseline);
        long claimed = repeatedHops.stream().mapToInt(GoLiveBenchmark.Hops::claimed).sum()
                + freshHops.stream().mapToInt(GoLiveBenchmark.Hops::claimed).sum();
        long pushes = repeatedHops.stream().mapToInt(GoLiveBenchmark.Hops::pushes).sum()
                + freshHops.stream().mapToInt(GoLiveBenchmark.Hops::pushes).sum();
        return String.format(Locale.ROOT, """
                Go-live latency, %d destinations, %d trials of each kind after one warm-up, alternating
                (`./fanout bench go-live`, %s, on %s), with every service running as `./fanout up` runs them%s
                (each Fanout session also starts its ladder in transcode-service): from the encoder's start
                (1280x720, 3 Mb/s, keyframe every 2 s) to the first decoded video frame at the slowest
                destination, each destination's player connected and waiting before.

                | | median | min | max | median ÷ nginx's |
                |---|---|---|---|---|
                | nginx-rtmp static `push` (baseline) | %.2f s | %.2f s | %.2f s | 1.00× |
                | Fanout, one stream live again and again (reconnect window 0) | %.2f s | %.2f s | %.2f s | %.2f× |
                | Fanout, a fresh stream and destinations each time | %.2f s | %.2f s | %.2f s | %.2f× |

                Where Fanout's time goes, in median milliseconds after the encoder's start:

                | hop | again | fresh |
                |---|---|---|
                | ingest-service decided (`stream.started`'s time: the `on_publish` answer) | %d | %d |
                | the outbox relay sent it to Kafka (the record's timestamp) | %d | %d |
                | publish-service planned the session's pushes (first `push.starting`) | %d | %d |
                | the first destination had a publisher | %d | %d |
                | the last destination had a publisher | %d | %d |
                | the slowest player decoded its first frame | %d | %d |

                %d of the %d pushes measured were armed: already reading the stream at the edge when the
                encoder connected, and claimed by their session when `stream.started` arrived (publish-service's
                log says so for each).
                """, destinations, baseline.size(), date, machine, scraped ? ", Prometheus scraping them" : "",
                base, min(baseline), max(baseline),
                median(again), min(again), max(again), median(again) / base,
                median(first), min(first), max(first), median(first) / base,
                medianOf(repeatedHops, GoLiveBenchmark.Hops::hook), medianOf(freshHops, GoLiveBenchmark.Hops::hook),
                medianOf(repeatedHops, GoLiveBenchmark.Hops::relayed), medianOf(freshHops, GoLiveBenchmark.Hops::relayed),
                medianOf(repeatedHops, GoLiveBenchmark.Hops::planned), medianOf(freshHops, GoLiveBenchmark.Hops::planned),
                medianOf(repeatedHops, GoLiveBenchmark.Hops::firstBytes),
                medianOf(freshHops, GoLiveBenchmark.Hops::firstBytes),
                medianOf(repeatedHops, GoLiveBenchmark.Hops::lastFirstBytes),
                medianOf(freshHops, GoLiveBenchmark.Hops::lastFirstBytes),
                medianOf(repeatedHops, GoLiveBenchmark.Hops::slowestFrame),
                medianOf(freshHops, GoLiveBenchmark.Hops::slowestFrame),
                claimed, pushes);
    }

    private static long medianOf(List<GoLiveBenchmark.Hops> hops, ToLongFunction<GoLiveBenchmark.Hops> hop) {
        return Math.round(median(hops.stream().map(h -> (double) hop.applyAsLong(h)).toList()));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
