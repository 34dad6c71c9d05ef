package io.fanout.publish.service;

import io.fanout.contracts.push.Network;
import io.fanout.publish.runner.PushSpec;
import java.util.UUID;

/** Everything needed to run one push and to report on it. */
public record PushPlan(UUID targetId, UUID streamId, UUID partnerId, UUID sessionId, UUID destinationId, Network network,
        int attempt, String ingestUrl, PushSpec spec) {

    public PushPlan withAttempt(int next) {
        return new PushPlan(targetId, streamId, partnerId, sessionId, destinationId, network, next, ingestUrl, spec);
    }
}
