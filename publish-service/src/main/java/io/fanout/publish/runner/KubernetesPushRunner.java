package io.fanout.publish.runner;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fanout.publish.config.PublishConfig;
import io.fanout.servicekit.media.FfmpegProgress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs each push as a Kubernetes Pod (fabric8 client), labelled with its stream, target and
 * session, restart policy {@code Never}: restarts are the service's job, at once and under its own
 * back-off (Kubernetes' Job back-off starts at 10 s). The destination URL, which carries the key, is
 * in a Secret the pod reads as an environment variable; the pod spec names only the Secret.
 * Broadcasting comes from the push's own progress ({@code -progress pipe:1}) followed in its log
 * through the API; a push whose written bytes stop growing for {@code stall-timeout} is deleted and
 * reported broken, as is a pod that ends or is deleted by anyone else. Pods outlive the service: a
 * restarted instance {@link #adopt adopts} the pods of the pushes it owns instead of starting them
 * again.
 */
@ApplicationScoped
@Typed(KubernetesPushRunner.class)
public class KubernetesPushRunner implements PushRunner {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "fanout-publish-service";
    static final String STREAM = "fanout.io/stream";
    static final String TARGET = "fanout.io/target";
    static final String SESSION = "fanout.io/session";
    private static final Logger LOG = Logger.getLogger(KubernetesPushRunner.class);

    /** A push this instance supervises: its pod, what to tell, and its progress. */
    private record Running(String pod, PushSpec spec, Listener listener, FfmpegProgress progress) {
    }

    private final KubernetesClient client;
    private final PublishConfig config;
    private final String namespace;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "push-pods-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Watch watch;

    public KubernetesPushRunner(KubernetesClient client, PublishConfig config) {
        this.client = client;
        this.config = config;
        this.namespace = config.kubernetes().namespace().orElse(client.getNamespace());
        this.watch = client.pods().inNamespace(namespace).withLabel(MANAGED_BY, MANAGER).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                podChanged(action, pod);
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.warnf("the watch of push pods closed: %s", cause == null ? "" : cause.getMessage());
            }
        });
        watchdog.scheduleWithFixedDelay(this::deleteStalled, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized boolean start(PushSpec push, Listener listener) {
        if (isRunning(push.targetId())) {
            return false;
        }
        String secret = "push-" + push.targetId();
        Secret destination = new SecretBuilder().withNewMetadata().withName(secret).withNamespace(namespace)
                .withLabels(labels(push)).endMetadata().withStringData(Map.of("url", push.destinationUrl())).build();
        client.secrets().inNamespace(namespace).resource(destination).createOr(NonDeletingOperation::update);
        String name = "push-" + push.targetId().toString().substring(0, 8) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        List<String> arguments = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error",
                "-progress", "pipe:1", "-stats_period", "1"));
        arguments.addAll(PushCommand.arguments(push, config, config.kubernetes().slateFile(), "$(DESTINATION_URL)"));
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(push))
                .endMetadata()
                .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(5L)
                .addNewContainer().withName("push").withImage(config.kubernetes().image()).withCommand("ffmpeg")
                .withArgs(arguments)
                .addNewEnv().withName("DESTINATION_URL").withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey("url").endSecretKeyRef().endValueFrom().endEnv()
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("48Mi"))
                .addToLimits("memory", new Quantity("256Mi")).endResources()
                .endContainer().endSpec().build();
        client.pods().inNamespace(namespace).resource(pod).create();
        supervise(name, push, listener);
        LOG.infof("%s: pod %s created", push, name);
        return true;
    }

    @Override
    public synchronized boolean adopt(PushSpec push, Listener listener) {
        if (running.containsKey(push.targetId())) {
            return false;
        }
        Optional<Pod> pod = pods(push.targetId()).stream()
                .filter(p -> push.sessionId().toString().equals(p.getMetadata().getLabels().get(SESSION)))
                .filter(p -> !terminal(p)).findFirst();
        pod.ifPresent(p -> {
            LOG.infof("%s: adopting pod %s", push, p.getMetadata().getName());
            supervise(p.getMetadata().getName(), push, listener);
        });
        return pod.isPresent();
    }

    @Override
    public void stop(UUID targetId) {
        running.remove(targetId);
        client.pods().inNamespace(namespace).withLabel(TARGET, targetId.toString()).delete();
        client.secrets().inNamespace(namespace).withName("push-" + targetId).delete();
    }

    @Override
    public boolean isRunning(UUID targetId) {
        return pods(targetId).stream().anyMatch(p -> !terminal(p));
    }

    /** Stops supervising the push; its pod runs on for the stream's new owner to adopt. */
    @Override
    public void release(UUID targetId) {
        running.remove(targetId);
    }

    /** Deletes the pods of owned streams whose targets should not run (their pushes ended while no instance watched). */
    @Override
    public void sweep(Predicate<UUID> ownedStreams, Set<UUID> activeTargets) {
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(MANAGED_BY, MANAGER).list().getItems()) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            UUID stream = UUID.fromString(labels.get(STREAM));
            UUID target = UUID.fromString(labels.get(TARGET));
            if (ownedStreams.test(stream) && !activeTargets.contains(target) && !running.containsKey(target)) {
                LOG.infof("deleting pod %s of a push that no longer runs", pod.getMetadata().getName());
                stop(target);
            }
        }
    }

    private void supervise(String pod, PushSpec push, Listener listener) {
        // The pod's end is reported by the watch, not by its log.
        FfmpegProgress progress = new FfmpegProgress(new PushProgress(push, listener, reason -> { }));
        running.put(push.targetId(), new Running(pod, push, listener, progress));
        Thread follower = new Thread(() -> followLog(pod, push.targetId(), progress), "push-log-" + pod);
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Follows the pod's log once it runs: ffmpeg's progress lines. A pod that ended, was deleted or is
     * no longer this instance's push by then has no log to follow (asking for it anyway made the API
     * server close the connection under a request the runner sent next).
     */
    private void followLog(String pod, UUID targetId, FfmpegProgress progress) {
        try {
            Pod ready = client.pods().inNamespace(namespace).withName(pod).waitUntilCondition(
                    p -> p == null || terminal(p) || "Running".equals(phase(p)), 2, TimeUnit.MINUTES);
            Running push = running.get(targetId);
            if (ready == null || terminal(ready) || push == null || !push.pod().equals(pod)) {
                return;
            }
            try (LogWatch log = client.pods().inNamespace(namespace).withName(pod).watchLog();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(log.getOutput(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    progress.accept(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("log of pod %s not followed: %s", pod, e.getMessage());
        }
    }

    private void podChanged(Watcher.Action action, Pod pod) {
        UUID target = UUID.fromString(pod.getMetadata().getLabels().get(TARGET));
        Running push = running.get(target);
        if (push == null || !push.pod().equals(pod.getMetadata().getName())) {
            return;
        }
        if (action == Watcher.Action.DELETED || terminal(pod)) {
            if (running.remove(target, push)) {
                String reason = action == Watcher.Action.DELETED ? "pod " + push.pod() + " was deleted"
                        : "pod " + push.pod() + " ended: " + phase(pod) + terminationMessage(pod);
                push.listener().broke(push.spec(), reason);
            }
        }
    }

    private void deleteStalled() {
        for (Running push : List.copyOf(running.values())) {
            if (push.progress().stalledFor(config.stallTimeout()) && running.remove(push.spec().targetId(), push)) {
                LOG.warnf("%s: output stalled for %d s, deleting pod %s", push.spec(), config.stallTimeout().toSeconds(),
                        push.pod());
                client.pods().inNamespace(namespace).withName(push.pod()).delete();
                push.listener().broke(push.spec(), "stalled: no bytes written for " + config.stallTimeout().toSeconds() + " s");
            }
        }
    }

    private List<Pod> pods(UUID targetId) {
        return client.pods().inNamespace(namespace).withLabel(MANAGED_BY, MANAGER).withLabel(TARGET, targetId.toString())
                .list().getItems();
    }

    private static Map<String, String> labels(PushSpec push) {
        return Map.of(MANAGED_BY, MANAGER, STREAM, push.streamId().toString(), TARGET, push.targetId().toString(),
                SESSION, push.sessionId().toString());
    }

    private static boolean terminal(Pod pod) {
        String phase = phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static String terminationMessage(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return "";
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getTerminated() != null)
                .map(s -> " (" + s.getState().getTerminated().getReason() + ", exit "
                        + s.getState().getTerminated().getExitCode() + ")").findFirst().orElse("");
    }

    /** Stops supervising; the pods keep running for the next instance to adopt. */
    @PreDestroy
    void close() {
        watchdog.shutdownNow();
        watch.close();
    }
}
