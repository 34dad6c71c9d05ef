package io.fanout.servicekit.media;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * ffmpeg jobs as Kubernetes pods (fabric8 client): what {@link FfmpegJob} is for a child process,
 * reporting to the same {@link FfmpegJob.Listener}. Each job has a key (a push's target, a ladder's
 * stream) carried by its pod as the label {@code keyLabel}; every pod this manager makes is labelled
 * {@code app.kubernetes.io/managed-by=<manager>}. A pod runs with restart policy {@code Never}:
 * restarts are the owning service's, at once and under its own back-off.
 *
 * <p>Progress comes from ffmpeg's {@code -progress pipe:1} output ({@link #arguments}), followed in
 * the pod's log through the API once it runs. The end of a supervised pod comes from a watch of the
 * manager's pods: one that ends (phase {@code Succeeded}/{@code Failed}) or is deleted by anyone else
 * is reported {@link FfmpegJob.Listener#ended ended}, with its container's termination reason. With
 * a stall timeout, a pod whose output stopped growing for that long is deleted and reported ended.
 *
 * <p>Pods outlive the service: {@link #release} stops supervising and leaves the pod running, and a
 * restarted instance {@link #adopt adopts} it instead of starting a second one.
 */
public final class FfmpegPods implements AutoCloseable {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String SESSION = "fanout.io/session";
    private static final Logger LOG = Logger.getLogger(FfmpegPods.class);

    /** A pod this instance supervises: its name, whom to tell, and its progress. */
    private record Supervised(String pod, FfmpegJob.Listener listener, FfmpegProgress progress) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String manager;
    private final String keyLabel;
    private final Duration stallTimeout;
    private final Map<String, Supervised> supervised = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final Watch watch;

    /**
     * Watches the pods labelled with {@code manager} in {@code namespace}; {@code stallTimeout} null:
     * stalls are not looked for.
     */
    public FfmpegPods(KubernetesClient client, String namespace, String manager, String keyLabel, Duration stallTimeout) {
        this.client = client;
        this.namespace = namespace;
        this.manager = manager;
        this.keyLabel = keyLabel;
        this.stallTimeout = stallTimeout;
        this.watch = client.pods().inNamespace(namespace).withLabel(MANAGED_BY, manager).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                podChanged(action, pod);
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.warnf("the watch of %s pods closed: %s", manager, cause == null ? "" : cause.getMessage());
            }
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, manager + "-pods-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        if (stallTimeout != null) {
            watchdog.scheduleWithFixedDelay(this::deleteStalled, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** A pod's ffmpeg arguments: progress reporting, as {@link FfmpegJob} adds it, then {@code arguments}. */
    public static List<String> arguments(List<String> arguments) {
        return FfmpegJob.reporting("pipe:1", arguments);
    }

    public String namespace() {
        return namespace;
    }

    /** The labels every pod of {@code key} carries, with {@code more} (a stream, a session). */
    public Map<String, String> labels(String key, Map<String, String> more) {
        Map<String, String> labels = new LinkedHashMap<>(more);
        labels.put(MANAGED_BY, manager);
        labels.put(keyLabel, key);
        return labels;
    }

    /** Creates {@code pod} (labelled by {@link #labels}) and supervises it as {@code key}'s job. */
    public void start(String key, Pod pod, FfmpegJob.Listener listener) {
        if (!manager.equals(pod.getMetadata().getLabels().get(MANAGED_BY))
                || !key.equals(pod.getMetadata().getLabels().get(keyLabel))) {
            throw new IllegalArgumentException("pod " + pod.getMetadata().getName() + " is not labelled as " + key);
        }
        client.pods().inNamespace(namespace).resource(pod).create();
        supervise(key, pod.getMetadata().getName(), listener);
        LOG.infof("%s: pod %s created", key, pod.getMetadata().getName());
    }

    /**
     * Supervises the running pod of {@code key} and {@code session} that an earlier instance left,
     * reporting to {@code listener} from now on; false when there is none (or this instance already
     * supervises {@code key}).
     */
    public boolean adopt(String key, String session, FfmpegJob.Listener listener) {
        if (supervised.containsKey(key)) {
            return false;
        }
        Optional<Pod> pod = pods(key).stream()
                .filter(p -> session.equals(p.getMetadata().getLabels().get(SESSION)))
                .filter(p -> !terminal(p)).findFirst();
        pod.ifPresent(p -> {
            LOG.infof("%s: adopting pod %s", key, p.getMetadata().getName());
            supervise(key, p.getMetadata().getName(), listener);
        });
        return pod.isPresent();
    }

    /** Whether a pod of {@code key} exists that has not ended (supervised here or not). */
    public boolean isRunning(String key) {
        return pods(key).stream().anyMatch(p -> !terminal(p));
    }

    /** Whether this instance supervises a pod of {@code key} that it has not seen end. */
    public boolean supervises(String key) {
        return supervised.containsKey(key);
    }

    /** Stops supervising {@code key}'s pod; it runs on for another instance to adopt. */
    public void release(String key) {
        supervised.remove(key);
    }

    /** Stops supervising and deletes every pod of {@code key}; its end is not reported. */
    public void delete(String key) {
        supervised.remove(key);
        client.pods().inNamespace(namespace).withLabel(keyLabel, key).delete();
    }

    /** Every pod of this manager in the namespace, for sweeps of pods no job should have. */
    public List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabel(MANAGED_BY, manager).list().getItems();
    }

    /** The key a pod of this manager belongs to. */
    public String keyOf(Pod pod) {
        return pod.getMetadata().getLabels().get(keyLabel);
    }

    private List<Pod> pods(String key) {
        return client.pods().inNamespace(namespace).withLabel(MANAGED_BY, manager).withLabel(keyLabel, key)
                .list().getItems();
    }

    private void supervise(String key, String pod, FfmpegJob.Listener listener) {
        // The pod's end is reported by the watch, not by its log.
        FfmpegProgress progress = new FfmpegProgress(new FfmpegJob.Listener() {
            @Override
            public void flowing() {
                listener.flowing();
            }

            @Override
            public void progress(long totalBytes) {
                listener.progress(totalBytes);
            }

            @Override
            public void snapshot(FfmpegProgress.Snapshot snapshot) {
                listener.snapshot(snapshot);
            }

            @Override
            public void ended(String reason) {
            }
        });
        supervised.put(key, new Supervised(pod, listener, progress));
        Thread follower = new Thread(() -> followLog(pod, key, progress), manager + "-log-" + pod);
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Follows the pod's log once it runs: ffmpeg's progress lines. A pod that ended, was deleted or is
     * no longer {@code key}'s by then has no log to follow (asking for it anyway made the API server
     * close the connection under a request sent next).
     */
    private void followLog(String pod, String key, FfmpegProgress progress) {
        try {
            Pod ready = client.pods().inNamespace(namespace).withName(pod).waitUntilCondition(
                    p -> p == null || terminal(p) || "Running".equals(phase(p)), 2, TimeUnit.MINUTES);
            Supervised job = supervised.get(key);
            if (ready == null || terminal(ready) || job == null || !job.pod().equals(pod)) {
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
        String key = keyOf(pod);
        Supervised job = key == null ? null : supervised.get(key);
        if (job == null || !job.pod().equals(pod.getMetadata().getName())) {
            return;
        }
        if ((action == Watcher.Action.DELETED || terminal(pod)) && supervised.remove(key, job)) {
            job.listener().ended(action == Watcher.Action.DELETED ? "pod " + job.pod() + " was deleted"
                    : "pod " + job.pod() + " ended: " + phase(pod) + terminationMessage(pod));
        }
    }

    private void deleteStalled() {
        supervised.forEach((key, job) -> {
            if (job.progress().stalledFor(stallTimeout) && supervised.remove(key, job)) {
                LOG.warnf("%s: output stalled for %d s, deleting pod %s", key, stallTimeout.toSeconds(), job.pod());
                client.pods().inNamespace(namespace).withName(job.pod()).delete();
                job.listener().ended("stalled: no bytes written for " + stallTimeout.toSeconds() + " s");
            }
        });
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
    @Override
    public void close() {
        watchdog.shutdownNow();
        watch.close();
    }
}
