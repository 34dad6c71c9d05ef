package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final CredentialCipher cipher = new CredentialCipher("k1", KEY);

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        byte[] first = cipher.encrypt("live_secret");
        byte[] second = cipher.encrypt("live_secret");

        assertThat(first).isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "k1")).isEqualTo("live_secret");
    }

    @Test
    void tamperedValuesAndOtherKeyIdsAreRefused() {
        byte[] sealed = cipher.encrypt("live_secret");
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, "k1")).hasMessageContaining("tampered");
        assertThatThrownBy(() -> cipher.decrypt(cipher.encrypt("x"), "k0")).hasMessageContaining("k0");
        assertThatThrownBy(() -> new CredentialCipher("k1", "c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
