package io.fanout.transcode.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fanout.servicekit.media.FfmpegProgress;
import io.fanout.testkit.KubernetesRbac;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.LadderResources;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ladder pod runner against fabric8's mock API server in CRUD mode: a ladder is one pod,
 * labelled with its stream and session, on the media volume at the service's own path, sized by its
 * ladder; a redelivered start makes no second pod; a failed or deleted pod is reported ended; a
 * restarted runner adopts the pod instead of starting another, sweeps the pods of streams that are no
 * longer live, and deletes the pod at the session's end. Every request it makes is granted by the Role
 * transcode-service is deployed with.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLadderRunnerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final LadderResources SIZE = new LadderResources(850, 160);

    private final TranscodeConfig config = config();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private KubernetesLadderRunner runner;

    @BeforeEach
    void start() {
        runner = new KubernetesLadderRunner(client, config);
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void aLadderIsOnePodOfItsStreamAndSessionOnTheMediaVolumeSizedByItsLadder() throws Exception {
        LadderRunner.Job job = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());

        LadderRunner.Running running = runner.start(job, listener(job));
        runner.start(job, listener(job));

        List<Pod> pods = pods(job.streamId());
        assertThat(pods).as("a redelivered start adopts the session's pod instead of making a second").hasSize(1);
        Pod pod = pods.get(0);
        assertThat(pod.getMetadata().getLabels()).containsEntry("fanout.io/stream", job.streamId())
                .containsEntry("fanout.io/session", job.sessionId())
                .containsEntry("app.kubernetes.io/managed-by", "fanout-transcode-service");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/fanout/ladder-ffmpeg:5.1");
        assertThat(container.getCommand()).containsExactly("ffmpeg");
        assertThat(container.getArgs()).startsWith("-hide_banner").contains("-progress", "pipe:1")
                .endsWith(job.arguments().toArray(String[]::new));
        String media = config.mediaDirectory().toAbsolutePath().normalize().toString();
        assertThat(container.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo(media));
        assertThat(pod.getSpec().getVolumes()).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("transcode-media"));
        assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("850m");
        assertThat(container.getResources().getRequests().get("memory").toString()).isEqualTo("160Mi");
        assertThat(container.getResources().getLimits()).containsOnlyKeys("memory");
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("320Mi");
        assertThat(running.isAlive()).isTrue();

        running.stop();
        assertThat(pods(job.streamId())).as("deleted at the session's end").isEmpty();
        assertThat(running.isAlive()).isFalse();
    }

    @Test
    void aPodThatFailsOrIsDeletedByAnyoneElseIsReportedEnded() {
        LadderRunner.Job failing = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        LadderRunner.Job deleted = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        LadderRunner.Running failingLadder = runner.start(failing, listener(failing));
        runner.start(deleted, listener(deleted));

        client.pods().inNamespace("test").withName(pods(failing.streamId()).get(0).getMetadata().getName())
                .edit(p -> new PodBuilder(p).withNewStatus().withPhase("Failed").addNewContainerStatus().withName("ladder")
                        .withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated()
                        .endState().endContainerStatus().endStatus().build());
        client.pods().inNamespace("test").withName(pods(deleted.streamId()).get(0).getMetadata().getName()).delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> ended.size() == 2);
        assertThat(ended).anySatisfy(e -> assertThat(e).startsWith(failing.streamId())
                .contains("ended: Failed (OOMKilled, exit 137)"));
        assertThat(ended).anySatisfy(e -> assertThat(e).startsWith(deleted.streamId()).contains("was deleted"));
        assertThat(failingLadder.isAlive()).isFalse();

        runner.start(failing, listener(failing));
        assertThat(pods(failing.streamId())).as("a restart replaces the ended pod").hasSize(1)
                .allSatisfy(p -> assertThat(p.getStatus()).isNull());
    }

    @Test
    void aRestartedRunnerAdoptsTheLadderPodAndSweepsThoseOfStreamsNoLongerLive() {
        LadderRunner.Job live = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        LadderRunner.Job gone = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        runner.start(live, listener(live)).release();
        runner.start(gone, listener(gone)).release();
        runner.close();

        runner = new KubernetesLadderRunner(client, config);
        assertThat(runner.adopt(live.streamId(), UUID.randomUUID().toString(), listener(live)))
                .as("a pod of another session is not this ladder").isEmpty();
        Optional<LadderRunner.Running> adopted = runner.adopt(live.streamId(), live.sessionId(), listener(live));
        assertThat(adopted).isPresent();
        assertThat(adopted.get().isAlive()).isTrue();
        runner.sweep(Set.of(live.streamId()));

        assertThat(pods(live.streamId())).as("adopted, not started again").hasSize(1);
        assertThat(pods(gone.streamId())).as("the stream ended while no instance watched").isEmpty();

        adopted.get().stop();
        assertThat(pods(live.streamId())).isEmpty();
    }

    /**
     * Every request the runner makes in ladders' lives (started, redelivered, released and adopted,
     * swept, stopped) is one the Role in {@code deploy/kubernetes/base/transcode-service.yaml} grants.
     * Following a pod's log ({@code get pods/log}) depends on timing, so it is checked by name.
     */
    @Test
    void theRoleTheServiceIsDeployedWithGrantsEveryRequestTheRunnerMakes() throws Exception {
        KubernetesRbac.requestsSoFar(server);
        LadderRunner.Job job = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        runner.start(job, listener(job));
        runner.start(job, listener(job)).release();
        runner.adopt(job.streamId(), job.sessionId(), listener(job)).orElseThrow().release();
        runner.sweep(Set.of());
        LadderRunner.Job other = job(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        runner.start(other, listener(other)).stop();
        Set<String> made = KubernetesRbac.requestsSoFar(server);

        Set<String> granted = KubernetesRbac.granted(client, "deploy/kubernetes/base/transcode-service.yaml");
        assertThat(made).contains("create pods", "watch pods", "list pods");
        assertThat(granted).containsAll(made).contains("get pods/log").noneMatch(p -> p.startsWith("*"));
    }

    private List<Pod> pods(String stream) {
        return client.pods().inNamespace("test").withLabel("fanout.io/stream", stream).list().getItems();
    }

    private LadderRunner.Listener listener(LadderRunner.Job job) {
        return new LadderRunner.Listener() {
            @Override
            public void flowing() {
                // progress comes from pod logs, which the mock server does not have
            }

            @Override
            public void progress(FfmpegProgress.Snapshot snapshot) {
            }

            @Override
            public void ended(String reason) {
                ended.add(job.streamId() + ": " + reason);
            }
        };
    }

    private static LadderRunner.Job job(String stream, String session) {
        return new LadderRunner.Job(stream, session, List.of("-i", "rtmp://fanout-edge:1935/live/" + stream, "-f", "tee",
                "/var/lib/fanout/media/live/" + stream + "/360p/index.m3u8"), SIZE);
    }

    private static TranscodeConfig config() {
        return new SmallRyeConfigBuilder().withMapping(TranscodeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, Path::of)
                .withDefaultValue("fanout.transcode.media-directory", "target/media")
                .withDefaultValue("fanout.transcode.kubernetes.namespace", "test").build()
                .getConfigMapping(TranscodeConfig.class);
    }
}
