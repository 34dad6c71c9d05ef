package io.fanout.publish.domain;

import static io.fanout.publish.domain.PushState.BROADCASTING;
import static io.fanout.publish.domain.PushState.DEGRADED;
import static io.fanout.publish.domain.PushState.EXHAUSTED;
import static io.fanout.publish.domain.PushState.FAILED;
import static io.fanout.publish.domain.PushState.RETRYING;
import static io.fanout.publish.domain.PushState.STARTING;
import static io.fanout.publish.domain.PushState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every transition of a push, allowed and refused, written out here independently of the enum's table. */
class PushStateTest {

    /** What each state (null: no push yet in the session) may become; everything else is refused. */
    private static final Map<PushState, Set<PushState>> EXPECTED = new HashMap<>();

    static {
        EXPECTED.put(null, EnumSet.of(STARTING));
        EXPECTED.put(STARTING, EnumSet.of(BROADCASTING, RETRYING, EXHAUSTED, FAILED, STOPPED));
        EXPECTED.put(BROADCASTING, EnumSet.of(DEGRADED, RETRYING, EXHAUSTED, FAILED, STOPPED));
        EXPECTED.put(DEGRADED, EnumSet.of(RETRYING, EXHAUSTED, FAILED, STOPPED));
        EXPECTED.put(RETRYING, EnumSet.of(BROADCASTING, RETRYING, EXHAUSTED, FAILED, STOPPED));
        EXPECTED.put(EXHAUSTED, EnumSet.of(RETRYING, STARTING));
        EXPECTED.put(FAILED, EnumSet.of(STARTING));
        EXPECTED.put(STOPPED, EnumSet.of(STARTING));
    }

    @Test
    void everyAllowedTransitionIsAllowedAndEveryOtherRefused() {
        List<PushState> froms = new ArrayList<>(Arrays.asList(PushState.values()));
        froms.add(null);
        int checked = 0;
        for (PushState from : froms) {
            for (PushState to : PushState.values()) {
                boolean expected = EXPECTED.get(from).contains(to);
                assertThat(PushState.allows(from, to)).as(from + " → " + to).isEqualTo(expected);
                if (expected) {
                    assertThat(PushState.move(from, to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> PushState.move(from, to)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(String.valueOf(to));
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(8 * 7);
    }

    @Test
    void onlyStartingBroadcastingDegradedAndRetryingAreActive() {
        assertThat(EnumSet.allOf(PushState.class).stream().filter(PushState::isActive))
                .containsExactlyInAnyOrder(STARTING, BROADCASTING, DEGRADED, RETRYING);
    }
}
