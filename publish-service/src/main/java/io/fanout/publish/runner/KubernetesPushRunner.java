package io.fanout.publish.runner;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fanout.publish.config.PublishConfig;
import io.fanout.servicekit.media.FfmpegPods;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs each push as a Kubernetes Pod ({@link FfmpegPods}: restart policy {@code Never}, progress
 * followed in its log, its end or deletion by anyone else reported broken, a push whose written
 * bytes stop growing for {@code stall-timeout} deleted and reported broken), labelled with its
 * stream, target and session. The destination URL, which carries the key, is in a Secret the pod
 * reads as an environment variable; the pod spec names only the Secret. Pods outlive the service:
 * a restarted instance {@link #adopt adopts} the pods of the pushes it owns instead of starting them
 * again.
 */
@ApplicationScoped
@Typed(KubernetesPushRunner.class)
public class KubernetesPushRunner implements PushRunner {

    static final String MANAGER = "fanout-publish-service";
    static final String STREAM = "fanout.io/stream";
    static final String TARGET = "fanout.io/target";
    private static final Logger LOG = Logger.getLogger(KubernetesPushRunner.class);

    private final KubernetesClient client;
    private final PublishConfig config;
    private final FfmpegPods pods;

    public KubernetesPushRunner(KubernetesClient client, PublishConfig config) {
        this.client = client;
        this.config = config;
        this.pods = new FfmpegPods(client, config.kubernetes().namespace().orElse(client.getNamespace()), MANAGER,
                TARGET, config.stallTimeout());
    }

    @Override
    public synchronized boolean start(PushSpec push, Listener listener) {
        if (isRunning(push.targetId())) {
            return false;
        }
        String namespace = pods.namespace();
        String secret = "push-" + push.targetId();
        Map<String, String> labels = labels(push);
        Secret destination = new SecretBuilder().withNewMetadata().withName(secret).withNamespace(namespace)
                .withLabels(labels).endMetadata().withStringData(Map.of("url", push.destinationUrl())).build();
        client.secrets().inNamespace(namespace).resource(destination).createOr(NonDeletingOperation::update);
        String name = "push-" + push.targetId().toString().substring(0, 8) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata()
                .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(5L)
                .addNewContainer().withName("push").withImage(config.kubernetes().image()).withCommand("ffmpeg")
                .withArgs(FfmpegPods.arguments(PushCommand.arguments(push, config, config.kubernetes().slateFile(),
                        "$(DESTINATION_URL)")))
                .addNewEnv().withName("DESTINATION_URL").withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey("url").endSecretKeyRef().endValueFrom().endEnv()
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("48Mi"))
                .addToLimits("memory", new Quantity("256Mi")).endResources()
                .endContainer().endSpec().build();
        pods.start(push.targetId().toString(), pod, progress(push, listener));
        return true;
    }

    @Override
    public synchronized boolean adopt(PushSpec push, Listener listener) {
        return pods.adopt(push.targetId().toString(), push.sessionId().toString(), progress(push, listener));
    }

    @Override
    public void stop(UUID targetId) {
        pods.delete(targetId.toString());
        client.secrets().inNamespace(pods.namespace()).withName("push-" + targetId).delete();
    }

    @Override
    public boolean isRunning(UUID targetId) {
        return pods.isRunning(targetId.toString());
    }

    /** Stops supervising the push; its pod runs on for the stream's new owner to adopt. */
    @Override
    public void release(UUID targetId) {
        pods.release(targetId.toString());
    }

    /** Deletes the pods of owned streams whose targets should not run (their pushes ended while no instance watched). */
    @Override
    public void sweep(Predicate<UUID> ownedStreams, Set<UUID> activeTargets) {
        for (Pod pod : pods.pods()) {
            UUID stream = UUID.fromString(pod.getMetadata().getLabels().get(STREAM));
            String target = pods.keyOf(pod);
            if (ownedStreams.test(stream) && !activeTargets.contains(UUID.fromString(target)) && !pods.supervises(target)) {
                LOG.infof("deleting pod %s of a push that no longer runs", pod.getMetadata().getName());
                stop(UUID.fromString(target));
            }
        }
    }

    /** The pod's reports as the push's; its end (from the pod watch) is a broken push. */
    private static PushProgress progress(PushSpec push, Listener listener) {
        return new PushProgress(push, listener, reason -> listener.broke(push, reason));
    }

    private Map<String, String> labels(PushSpec push) {
        return pods.labels(push.targetId().toString(), Map.of(STREAM, push.streamId().toString(),
                FfmpegPods.SESSION, push.sessionId().toString()));
    }

    /** Stops supervising; the pods keep running for the next instance to adopt. */
    @PreDestroy
    void close() {
        pods.close();
    }
}
