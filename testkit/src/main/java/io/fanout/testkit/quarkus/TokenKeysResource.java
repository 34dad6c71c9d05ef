package io.fanout.testkit.quarkus;

import io.fanout.local.TokenKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest}'s JWT signing and verification at the test JVM's {@link TokenKeys}. */
public final class TokenKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TokenKeys keys = TokenKeys.shared();
        return Map.of(
                "mp.jwt.verify.publickey.location", keys.publicKeyPem().toString(),
                "smallrye.jwt.sign.key.location", keys.privateKeyPem().toString());
    }

    @Override
    public void stop() {
        // The keys live as long as the test JVM.
    }
}
