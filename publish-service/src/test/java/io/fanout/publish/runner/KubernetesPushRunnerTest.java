package io.fanout.publish.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fanout.publish.config.PublishConfig;
import io.fanout.testkit.KubernetesRbac;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pod runner against fabric8's mock API server in CRUD mode: pods labelled with stream, target
 * and session, the key only in a Secret, a failed or deleted pod reported broken, a restarted
 * runner adopting the pod of a push instead of starting a second one, and a rolling upgrade that
 * hands every pod over without creating or deleting one.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPushRunnerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final PublishConfig config = config();
    private final List<String> broken = new CopyOnWriteArrayList<>();
    private final PushRunner.Listener listener = new PushRunner.Listener() {
        @Override
        public void broadcasting(PushSpec push) {
            // progress comes from pod logs, which the mock server does not have
        }

        @Override
        public void broke(PushSpec push, String reason) {
            broken.add(push.targetId() + ": " + reason);
        }
    };
    private KubernetesPushRunner runner;

    @BeforeEach
    void start() {
        runner = new KubernetesPushRunner(client, config);
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void aPushIsAPodLabelledWithItsStreamTargetAndSessionAndItsKeyIsOnlyInASecret() {
        PushSpec push = spec(UUID.randomUUID(), UUID.randomUUID());

        assertThat(runner.start(push, listener)).isTrue();
        assertThat(runner.start(push, listener)).as("one push per target").isFalse();

        List<Pod> pods = pods(push);
        assertThat(pods).hasSize(1);
        Pod pod = pods.get(0);
        assertThat(pod.getMetadata().getLabels()).containsEntry("fanout.io/stream", push.streamId().toString())
                .containsEntry("fanout.io/target", push.targetId().toString())
                .containsEntry("fanout.io/session", push.sessionId().toString())
                .containsEntry("app.kubernetes.io/managed-by", "fanout-publish-service");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.toString()).doesNotContain("live-key-secret");
        assertThat(pod.getSpec().getContainers().get(0).getArgs()).contains("$(DESTINATION_URL)", "-progress", "pipe:1")
                .contains(push.sourceUrl())
                .as("an rtmps:// destination's certificate is verified before the key is sent")
                .containsSequence("-tls_verify", "1", "-ca_file", "/etc/ssl/certs/ca-certificates.crt");
        assertThat(pod.getSpec().getContainers().get(0).getEnv().get(0).getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("push-" + push.targetId());
        Secret secret = client.secrets().inNamespace("test").withName("push-" + push.targetId()).get();
        String url = secret.getStringData() != null && secret.getStringData().containsKey("url")
                ? secret.getStringData().get("url")
                : new String(Base64.getDecoder().decode(secret.getData().get("url")), StandardCharsets.UTF_8);
        assertThat(url).isEqualTo(push.destinationUrl());

        runner.stop(push.targetId());
        assertThat(pods(push)).isEmpty();
        assertThat(client.secrets().inNamespace("test").withName("push-" + push.targetId()).get()).isNull();
        assertThat(runner.isRunning(push.targetId())).isFalse();
    }

    @Test
    void aPodThatFailsOrIsDeletedByAnyoneElseIsReportedBroken() {
        PushSpec failing = spec(UUID.randomUUID(), UUID.randomUUID());
        PushSpec deleted = spec(UUID.randomUUID(), UUID.randomUUID());
        runner.start(failing, listener);
        runner.start(deleted, listener);

        String name = pods(failing).get(0).getMetadata().getName();
        client.pods().inNamespace("test").withName(name).edit(p -> new PodBuilder(p).withNewStatus().withPhase("Failed")
                .addNewContainerStatus().withName("push").withNewState().withNewTerminated().withReason("Error")
                .withExitCode(1).endTerminated().endState().endContainerStatus().endStatus().build());
        client.pods().inNamespace("test").withName(pods(deleted).get(0).getMetadata().getName()).delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> broken.size() == 2);
        assertThat(broken).anySatisfy(b -> assertThat(b).startsWith(failing.targetId().toString())
                .contains("ended: Failed (Error, exit 1)"));
        assertThat(broken).anySatisfy(b -> assertThat(b).startsWith(deleted.targetId().toString()).contains("was deleted"));
        assertThat(runner.isRunning(failing.targetId())).isFalse();
    }

    @Test
    void aRestartedRunnerAdoptsThePodOfAPushInsteadOfStartingAnother() {
        PushSpec push = spec(UUID.randomUUID(), UUID.randomUUID());
        runner.start(push, listener);
        runner.close();

        runner = new KubernetesPushRunner(client, config);
        assertThat(runner.adopt(spec(push.targetId(), push.streamId(), UUID.randomUUID()), listener))
                .as("a pod of another session is not this push").isFalse();
        assertThat(runner.adopt(push, listener)).isTrue();
        assertThat(runner.start(push, listener)).isFalse();
        assertThat(pods(push)).hasSize(1);

        runner.release(push.targetId());
        assertThat(pods(push)).as("a released push keeps running for the stream's new owner").hasSize(1);
        runner.sweep(stream -> stream.equals(push.streamId()), Set.of());
        assertThat(pods(push)).as("a push of an owned stream that should not run is deleted").isEmpty();
    }

    /**
     * A rolling upgrade of two instances, as their runners see it: a second instance joins and takes
     * one stream, the first stops, a new first starts and takes a stream back, the second stops.
     * Every push changes hands by release and adoption; the API server sees three pods created, once
     * each, and none deleted: no destination ever loses its publisher.
     */
    @Test
    void aRollingUpgradeHandsEveryPodOverWithoutCreatingOrDeletingOne() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = client.pods().inNamespace("test").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action != Watcher.Action.MODIFIED) {
                    seen.add(action + " " + pod.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            List<PushSpec> pushes = List.of(spec(UUID.randomUUID(), UUID.randomUUID()),
                    spec(UUID.randomUUID(), UUID.randomUUID()), spec(UUID.randomUUID(), UUID.randomUUID()));
            pushes.forEach(push -> assertThat(runner.start(push, listener)).isTrue());
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);

            KubernetesPushRunner second = new KubernetesPushRunner(client, config);
            runner.release(pushes.get(2).targetId());
            assertThat(second.adopt(pushes.get(2), listener)).as("the joining instance adopts the stream it took").isTrue();
            runner.close();
            assertThat(second.adopt(pushes.get(0), listener)).isTrue();
            assertThat(second.adopt(pushes.get(1), listener)).isTrue();

            runner = new KubernetesPushRunner(client, config);
            second.release(pushes.get(0).targetId());
            assertThat(runner.adopt(pushes.get(0), listener)).as("the restarted instance adopts what it took back").isTrue();
            second.close();
            assertThat(runner.adopt(pushes.get(1), listener)).isTrue();
            assertThat(runner.adopt(pushes.get(2), listener)).isTrue();
            runner.sweep(stream -> true, Set.of(pushes.get(0).targetId(), pushes.get(1).targetId(),
                    pushes.get(2).targetId()));

            for (PushSpec push : pushes) {
                assertThat(runner.isRunning(push.targetId())).isTrue();
                assertThat(runner.start(push, listener)).as("an adopted push is not started again").isFalse();
                assertThat(pods(push)).hasSize(1);
            }
            assertThat(seen).as("pods the API server saw created or deleted").hasSize(3)
                    .allMatch(event -> event.startsWith("ADDED "));
            assertThat(broken).as("no push was reported broken").isEmpty();
        }
    }

    /**
     * Every request the runner makes in a push's life (started, released and adopted again,
     * released, swept; another started and stopped) is one the Role in
     * {@code deploy/kubernetes/base/publish-service.yaml} grants: RBAC that drifts from the code breaks
     * the build, not a live push. Following a pod's log ({@code get pods/log}) and updating an existing
     * Secret depend on timing and state, so they are checked to be granted by name.
     */
    @Test
    void theRoleTheServiceIsDeployedWithGrantsEveryRequestTheRunnerMakes() throws Exception {
        KubernetesRbac.requestsSoFar(server);
        PushSpec push = spec(UUID.randomUUID(), UUID.randomUUID());
        runner.start(push, listener);
        runner.release(push.targetId());
        assertThat(runner.adopt(push, listener)).isTrue();
        runner.release(push.targetId());
        runner.sweep(stream -> stream.equals(push.streamId()), Set.of());
        PushSpec other = spec(UUID.randomUUID(), UUID.randomUUID());
        runner.start(other, listener);
        runner.stop(other.targetId());
        Set<String> made = KubernetesRbac.requestsSoFar(server);

        Set<String> granted = KubernetesRbac.granted(client, "deploy/kubernetes/base/publish-service.yaml");
        assertThat(made).contains("create pods", "watch pods", "create secrets");
        assertThat(granted).containsAll(made).contains("get pods/log", "update secrets")
                .noneMatch(p -> p.startsWith("*"));
    }

    private List<Pod> pods(PushSpec push) {
        return client.pods().inNamespace("test").withLabel("fanout.io/target", push.targetId().toString()).list().getItems();
    }

    private static PushSpec spec(UUID target, UUID stream) {
        return spec(target, stream, UUID.randomUUID());
    }

    private static PushSpec spec(UUID target, UUID stream, UUID session) {
        return new PushSpec(target, stream, session, "rtmp://edge.fanout.svc:1935/live/" + stream, false,
                "rtmps://a.rtmps.youtube.com/live2/live-key-secret", "live-key-secret");
    }

    private static PublishConfig config() {
        // Quarkus converts "10s" to a Duration; plain SmallRye Config needs its converter.
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder().withMapping(PublishConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("fanout.publish.credentials-key", "unused-here")
                .withDefaultValue("fanout.publish.kubernetes.namespace", "test").build();
        return smallRye.getConfigMapping(PublishConfig.class);
    }
}
