package io.fanout.publish.config;

import io.fanout.publish.domain.CredentialCipher;
import io.fanout.publish.domain.DestinationAddressPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Makes the credentials cipher and the destination address policy from configuration, so a missing
 * or short key fails at start.
 */
public class CipherProducer {

    @Produces
    @Singleton
    CredentialCipher cipher(PublishConfig config) {
        return new CredentialCipher(config.credentialsKeyId(), config.credentialsKey());
    }

    @Produces
    @Singleton
    DestinationAddressPolicy destinationAddresses(PublishConfig config) {
        return new DestinationAddressPolicy(config.destinationAllowList().orElse(List.of()),
                DestinationAddressPolicy.systemResolver());
    }
}
