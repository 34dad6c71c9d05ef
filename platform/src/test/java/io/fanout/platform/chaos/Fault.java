package io.fanout.platform.chaos;

import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The faults of a chaos run, each injected from outside as the real one would happen, and over
 * when the platform (or, for a frozen destination and a killed encoder, the world outside it) has
 * nothing more to undo: a crashed part is the platform's own to bring back (its supervision does),
 * a frozen destination thaws after 20 s, a killed encoder is back after 5 s, inside its reconnect
 * window.
 */
enum Fault {
    KAFKA_KILLED("the Kafka broker killed (SIGKILL)"),
    POSTGRES_STOPPED("PostgreSQL stopped in immediate mode"),
    INGEST_KILLED("ingest-service killed (SIGKILL)"),
    TRANSCODE_KILLED("transcode-service killed (SIGKILL)"),
    PUBLISH_KILLED("publish-service killed (SIGKILL)"),
    CATALOG_KILLED("catalog-service killed (SIGKILL)"),
    EDGE_KILLED("the edge killed (SIGKILL) and restarted"),
    DESTINATION_FROZEN("a destination frozen (SIGSTOP) for 20 s"),
    PUSH_KILLED("a push process killed"),
    LADDER_KILLED("a ladder process killed"),
    ENCODER_KILLED("an encoder killed, back within its reconnect window");

    static final Duration FROZEN_FOR = Duration.ofSeconds(20);
    static final Duration ENCODER_AWAY = Duration.ofSeconds(5);

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Injects the fault and returns when it is over (what "over" means is in the class comment). */
    Instant inject(LocalPlatform platform, ChaosScenario scenario, Random random) {
        switch (this) {
            case KAFKA_KILLED -> platform.crashKafka();
            case POSTGRES_STOPPED -> platform.crashDatabase();
            case INGEST_KILLED -> platform.crash(Service.INGEST);
            case TRANSCODE_KILLED -> platform.crash(Service.TRANSCODE);
            case PUBLISH_KILLED -> platform.crash(Service.PUBLISH);
            case CATALOG_KILLED -> platform.crash(Service.CATALOG);
            case EDGE_KILLED -> platform.crashEdge();
            case DESTINATION_FROZEN -> {
                Edge network = pick(new ArrayList<>(scenario.networks().values()), random);
                network.freeze();
                ChaosScenario.pause(FROZEN_FOR.toMillis());
                network.thaw();
            }
            case PUSH_KILLED -> killOne(scenario.pushes().pids(), random);
            case LADDER_KILLED -> killOne(scenario.ladders().pids(), random);
            case ENCODER_KILLED -> {
                Encoder encoder = pick(scenario.encoders(), random);
                scenario.holdEncoder(encoder, Instant.now().plus(ENCODER_AWAY));
                encoder.kill();
                ChaosScenario.pause(ENCODER_AWAY.toMillis());
            }
            default -> throw new IllegalStateException("unknown fault " + this);
        }
        return Instant.now();
    }

    private static void killOne(Map<String, Set<Long>> running, Random random) {
        List<Long> pids = new ArrayList<>();
        running.values().forEach(pids::addAll);
        if (!pids.isEmpty()) {
            pids.sort(Long::compare);
            ProcessHandle.of(pick(pids, random)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static <T> T pick(List<T> choices, Random random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
