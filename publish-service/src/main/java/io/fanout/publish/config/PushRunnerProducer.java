package io.fanout.publish.config;

import io.fanout.publish.runner.KubernetesPushRunner;
import io.fanout.publish.runner.LocalPushRunner;
import io.fanout.publish.runner.PushRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The runner {@code fanout.publish.runner} names; only that one is created (the pod runner connects to the API server). */
@ApplicationScoped
public class PushRunnerProducer {

    @Produces
    @ApplicationScoped
    PushRunner runner(PublishConfig config, Instance<LocalPushRunner> local, Instance<KubernetesPushRunner> pods) {
        return switch (config.runner()) {
            case "local" -> local.get();
            case "kubernetes" -> pods.get();
            default -> throw new IllegalArgumentException("fanout.publish.runner must be local or kubernetes, not "
                    + config.runner());
        };
    }
}
