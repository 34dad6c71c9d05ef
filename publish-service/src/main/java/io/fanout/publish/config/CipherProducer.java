package io.fanout.publish.config;

import io.fanout.publish.domain.CredentialCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the credentials cipher from configuration, so a missing or short key fails at start. */
public class CipherProducer {

    @Produces
    @Singleton
    CredentialCipher cipher(PublishConfig config) {
        return new CredentialCipher(config.credentialsKeyId(), config.credentialsKey());
    }
}
