package io.fanout.testkit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Samples the process table every 20 ms: how many ffmpeg processes do each key's job (a push to a
 * destination key, a ladder of a stream), now and the most at one sampled instant. What a system
 * test of crashes and restarts needs to say a job never ran twice.
 */
public final class FfmpegWatch implements AutoCloseable {

    private final List<String> keys;
    private final BiPredicate<List<String>, String> doesJob;
    private final Map<String, Integer> most = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> seen = new ConcurrentHashMap<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ffmpeg-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** Watches the ffmpeg processes whose arguments {@code doesJob} says do a key's job. */
    public FfmpegWatch(List<String> keys, BiPredicate<List<String>, String> doesJob) {
        this.keys = List.copyOf(keys);
        this.doesJob = doesJob;
        sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** A push: an ffmpeg whose output URL (its last argument) ends with the destination key; not its viewers. */
    private static final BiPredicate<List<String>, String> PUSH = (arguments, key) -> !arguments.isEmpty()
            && arguments.get(arguments.size() - 1).endsWith("/" + key);
    /** A ladder: the ffmpeg that reads the stream from the edge's {@code live} application and writes a tee. */
    private static final BiPredicate<List<String>, String> LADDER = (arguments, stream) -> arguments.contains("tee")
            && arguments.stream().anyMatch(a -> a.endsWith("/live/" + stream));

    /** Watches the pushes to these destination keys. */
    public static FfmpegWatch pushes(List<String> keys) {
        return new FfmpegWatch(keys, PUSH);
    }

    /** Watches the ladders of these streams. */
    public static FfmpegWatch ladders(List<String> streams) {
        return new FfmpegWatch(streams, LADDER);
    }

    /** How many ladders each of these streams has now, read once (streams with none are absent). */
    public static Map<String, Integer> laddersRunning(List<String> streams) {
        return count(find(streams, LADDER));
    }

    /** How many processes do each key's job now (keys with none are absent). */
    public Map<String, Integer> running() {
        return count(pids());
    }

    /** The processes doing each key's job now (keys with none are absent). */
    public Map<String, Set<Long>> pids() {
        return find(keys, doesJob);
    }

    private static Map<String, Set<Long>> find(List<String> keys, BiPredicate<List<String>, String> doesJob) {
        Map<String, Set<Long>> pids = new HashMap<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                .forEach(p -> p.info().arguments().map(List::of).ifPresent(arguments -> keys.stream()
                        .filter(key -> doesJob.test(arguments, key))
                        .forEach(key -> pids.computeIfAbsent(key, k -> new HashSet<>()).add(p.pid()))));
        return pids;
    }

    private static Map<String, Integer> count(Map<String, Set<Long>> pids) {
        return pids.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    }

    private void sample() {
        pids().forEach((key, now) -> {
            most.merge(key, now.size(), Math::max);
            seen.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(now);
        });
        samples.incrementAndGet();
    }

    /** Every process seen doing each key's job since the watch began. */
    public Map<String, Set<Long>> seen() {
        return Map.copyOf(seen);
    }

    public int samples() {
        return samples.get();
    }

    /** The most processes seen doing each key's job at one sampled instant. */
    public Map<String, Integer> mostAtOnce() {
        return Map.copyOf(most);
    }

    public void stop() {
        sampler.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
