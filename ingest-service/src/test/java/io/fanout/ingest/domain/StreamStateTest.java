package io.fanout.ingest.domain;

import static io.fanout.ingest.domain.StreamState.DISABLED;
import static io.fanout.ingest.domain.StreamState.ENDED;
import static io.fanout.ingest.domain.StreamState.IDLE;
import static io.fanout.ingest.domain.StreamState.INTERRUPTED;
import static io.fanout.ingest.domain.StreamState.LIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every transition of a stream, allowed and refused, written out here independently of the enum's table. */
class StreamStateTest {

    private static final Map<StreamState, Set<StreamState>> EXPECTED = new EnumMap<>(StreamState.class);

    static {
        EXPECTED.put(IDLE, EnumSet.of(LIVE, DISABLED));
        EXPECTED.put(LIVE, EnumSet.of(INTERRUPTED, ENDED, DISABLED));
        EXPECTED.put(INTERRUPTED, EnumSet.of(LIVE, ENDED, DISABLED));
        EXPECTED.put(ENDED, EnumSet.of(LIVE, DISABLED));
        EXPECTED.put(DISABLED, EnumSet.of(IDLE));
    }

    @Test
    void everyAllowedTransitionIsAllowedAndEveryOtherRefused() {
        int checked = 0;
        for (StreamState from : StreamState.values()) {
            for (StreamState to : StreamState.values()) {
                boolean expected = EXPECTED.get(from).contains(to);
                assertThat(StreamState.allows(from, to)).as(from + " → " + to).isEqualTo(expected);
                if (expected) {
                    assertThat(StreamState.move(from, to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> StreamState.move(from, to)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(from + " to " + to);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5 * 5);
    }

    @Test
    void aPublishIsAcceptedExactlyWhereTheTableLetsTheStreamGoLive() {
        for (StreamState state : StreamState.values()) {
            PublishDecision decision = state.decidePublish();
            assertThat(decision.accepted()).as(state + " accepts a publish").isEqualTo(StreamState.allows(state, LIVE));
            assertThat(decision == PublishDecision.RESUME).as(state + " resumes").isEqualTo(state == INTERRUPTED);
        }
    }

    @Test
    void onlyLiveAndInterruptedStreamsHaveARunningSession() {
        assertThat(EnumSet.allOf(StreamState.class).stream().filter(StreamState::inSession))
                .containsExactlyInAnyOrder(LIVE, INTERRUPTED);
    }
}
