package io.fanout.transcode.runner;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fanout.servicekit.media.FfmpegPods;
import io.fanout.transcode.config.TranscodeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs each ladder as a Kubernetes Pod ({@link FfmpegPods}, as publish-service runs pushes):
 * labelled with its stream and session, restart policy {@code Never} (restarts are the
 * supervisor's, under its back-off), CPU and memory requested as the ladder's size needs
 * ({@link io.fanout.transcode.domain.LadderResources}). The pod mounts the media volume (a
 * ReadWriteMany claim) at the service's own media directory, so the ladder's arguments name the same
 * paths in the pod as here, and the HLS it writes is what this service serves. Pods outlive the
 * service: a restarted instance {@link #adopt adopts} the pod of each session it still knows is live,
 * and a redelivered start finds the session's pod running and adopts it instead of making a second.
 */
@ApplicationScoped
@Typed(KubernetesLadderRunner.class)
public class KubernetesLadderRunner implements LadderRunner {

    static final String MANAGER = "fanout-transcode-service";
    static final String STREAM = "fanout.io/stream";
    private static final Logger LOG = Logger.getLogger(KubernetesLadderRunner.class);

    private final TranscodeConfig config;
    private final FfmpegPods pods;

    public KubernetesLadderRunner(KubernetesClient client, TranscodeConfig config) {
        this.config = config;
        this.pods = new FfmpegPods(client, config.kubernetes().namespace().orElse(client.getNamespace()), MANAGER,
                STREAM, null);
    }

    @Override
    public synchronized Running start(Job job, Listener listener) {
        Optional<Running> running = adopt(job.streamId(), job.sessionId(), listener);
        if (running.isPresent()) {
            return running.get();
        }
        // Whatever is left of the stream's earlier runs (ended pods, another session's) goes first.
        pods.delete(job.streamId());
        String name = "ladder-" + job.streamId().substring(0, Math.min(8, job.streamId().length())) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        String media = config.mediaDirectory().toAbsolutePath().normalize().toString();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(pods.namespace())
                .withLabels(pods.labels(job.streamId(), Map.of(FfmpegPods.SESSION, job.sessionId()))).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(10L)
                .addNewContainer().withName("ladder").withImage(config.kubernetes().image()).withCommand("ffmpeg")
                .withArgs(FfmpegPods.arguments(job.arguments()))
                .addNewVolumeMount().withName("media").withMountPath(media).endVolumeMount()
                .withNewResources()
                .addToRequests("cpu", new Quantity(job.resources().cpu()))
                .addToRequests("memory", new Quantity(job.resources().memoryRequest()))
                .addToLimits("memory", new Quantity(job.resources().memoryLimit())).endResources()
                .endContainer()
                .addNewVolume().withName("media").withNewPersistentVolumeClaim()
                .withClaimName(config.kubernetes().mediaClaim()).endPersistentVolumeClaim().endVolume()
                .endSpec().build();
        pods.start(job.streamId(), pod, new LadderReports(listener, () -> { }));
        return running(job.streamId());
    }

    @Override
    public synchronized Optional<Running> adopt(String streamId, String sessionId, Listener listener) {
        return pods.adopt(streamId, sessionId, new LadderReports(listener, () -> { })) ? Optional.of(running(streamId)) : Optional.empty();
    }

    /** Deletes the pods of streams that are not live (they ended while no instance watched). */
    @Override
    public void sweep(Set<String> live) {
        for (Pod pod : pods.pods()) {
            String stream = pods.keyOf(pod);
            if (!live.contains(stream) && !pods.supervises(stream)) {
                LOG.infof("deleting pod %s of a ladder whose stream is no longer live", pod.getMetadata().getName());
                pods.delete(stream);
            }
        }
    }

    private Running running(String streamId) {
        return new Running() {
            @Override
            public void stop() {
                pods.delete(streamId);
            }

            @Override
            public void release() {
                pods.release(streamId);
            }

            @Override
            public boolean isAlive() {
                return pods.supervises(streamId);
            }

            /** Not known from here: a pod's CPU is the metrics server's (and the kubelet's cAdvisor's) to tell. */
            @Override
            public double cpuSeconds() {
                return 0;
            }
        };
    }

    /** Stops supervising; the pods keep running for the next instance to adopt. */
    @PreDestroy
    void close() {
        pods.close();
    }
}
