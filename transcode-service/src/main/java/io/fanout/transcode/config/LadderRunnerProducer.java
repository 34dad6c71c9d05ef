package io.fanout.transcode.config;

import io.fanout.transcode.runner.KubernetesLadderRunner;
import io.fanout.transcode.runner.LadderRunner;
import io.fanout.transcode.runner.LocalLadderRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * The runner {@code fanout.transcode.runner} names; only that one is created (the pod runner
 * connects to the API server). The supervisor's start-up (adopt, then sweep) creates it, so the local
 * runner stops the ladder processes a killed instance left before any ladder starts.
 */
@ApplicationScoped
public class LadderRunnerProducer {

    @Produces
    @ApplicationScoped
    LadderRunner runner(TranscodeConfig config, Instance<LocalLadderRunner> local, Instance<KubernetesLadderRunner> pods) {
        return switch (config.runner()) {
            case "local" -> local.get();
            case "kubernetes" -> pods.get();
            default -> throw new IllegalArgumentException("fanout.transcode.runner must be local or kubernetes, not "
                    + config.runner());
        };
    }
}
