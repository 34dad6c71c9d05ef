package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.testkit.ConsumerLag;
import io.fanout.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * transcode-service with its ladders as Kubernetes pods (fabric8's mock API server): a live
 * session's ladder is one pod, probed and planned from the real source at the edge, and stays one
 * when Kafka delivers its {@code stream.started} again; the session's end deletes it.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
@WithTestResource(KubernetesApiResource.class)
class LadderPodsTest extends LiveSessionsTest {

    @Test
    void aSessionsLadderIsOnePodEvenWhenItsStartIsRedeliveredAndItsEndDeletesIt() {
        LiveSessions.Session live = sessions.session(e -> e.size(854, 480)).start();
        try {
            Pod pod = await("the ladder's pod").atMost(LiveSessions.DEADLINE).until(() -> pods(live.stream),
                    pods -> !pods.isEmpty()).get(0);
            assertThat(pod.getMetadata().getLabels()).containsEntry("fanout.io/session", live.session);
            Container ladder = pod.getSpec().getContainers().get(0);
            assertThat(ladder.getArgs()).as("reads the live source, writes both rungs of a 480p source")
                    .contains(live.source())
                    .anySatisfy(a -> assertThat(a).contains("/480p/index.m3u8"))
                    .anySatisfy(a -> assertThat(a).contains("/360p/index.m3u8"));
            assertThat(ladder.getResources().getRequests()).containsKeys("cpu", "memory");

            live.redeliverStart();
            ConsumerLag.awaitCaughtUp("transcode-service", Topics.STREAM_LIFECYCLE, LiveSessions.DEADLINE);
            assertThat(pods(live.stream)).as("the redelivered start made no second pod").singleElement()
                    .satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo(pod.getMetadata().getName()));

            live.end();
            live.awaitEvent(EventType.LADDER_STOPPED);
            assertThat(pods(live.stream)).as("deleted at the session's end").isEmpty();
        } finally {
            live.killEncoder();
        }
    }

    private static List<Pod> pods(String stream) {
        return KubernetesApiResource.client().pods().inNamespace(KubernetesApiResource.NAMESPACE)
                .withLabel("fanout.io/stream", stream).list().getItems();
    }
}
