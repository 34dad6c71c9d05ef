package io.fanout.servicekit.credentials;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code partner-credentials}: each revocation is kept ({@link RevokedCredentials}) before
 * the record is acknowledged. A record it cannot read goes to {@code partner-credentials.dlq} and the
 * consumer goes on. A service turns it on with {@code fanout.credentials.revocations.enabled=true}
 * and configures the channel.
 */
@ApplicationScoped
@IfBuildProperty(name = "fanout.credentials.revocations.enabled", stringValue = "true")
public class CredentialRevocationsConsumer {

    /** Incoming channel name (configured in each service's application.properties). */
    public static final String CHANNEL = "partner-credentials";

    private final RevokedCredentials revoked;
    private final EventTracing tracing;

    public CredentialRevocationsConsumer(RevokedCredentials revoked, EventTracing tracing) {
        this.revoked = revoked;
        this.tracing = tracing;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, CHANNEL, () -> {
            FanoutEvent event = CloudEventMessages.read(record);
            if (!(event instanceof CredentialRevoked revocation)) {
                throw new IllegalArgumentException("not a credential revocation: " + event.getClass().getSimpleName());
            }
            revoked.apply(revocation);
        });
    }
}
