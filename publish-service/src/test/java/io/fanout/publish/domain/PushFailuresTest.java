package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reasons as ffmpeg 5.1 (GnuTLS) gives them through the runner, taken from real runs. */
class PushFailuresTest {

    @Test
    void aRefusedCertificateIsAnUntrustedDestination() {
        assertThat(PushFailures.untrustedDestination("tls: The certificate's owner does not match hostname localhost; "
                + "rtmps: Cannot open connection tls://localhost:19442; rtmps://localhost:19442/live/***: Input/output error"
                + " (exit 1)")).isTrue();
        assertThat(PushFailures.untrustedDestination("tls: Peer certificate failed verification; rtmps: Cannot open "
                + "connection tls://localhost:19443; rtmps://localhost:19443/live/***: Input/output error (exit 1)")).isTrue();
        assertThat(PushFailures.untrustedDestination("tls: Unable to verify peer certificate: The certificate is NOT "
                + "trusted (exit 1)")).isTrue();
    }

    @Test
    void otherBreaksAreWorthAnotherAttempt() {
        assertThat(PushFailures.untrustedDestination("tcp: Connection to tcp://127.0.0.1:1 failed: Connection refused; "
                + "rtmp://127.0.0.1:1/live/***: Connection refused (exit 1)")).isFalse();
        assertThat(PushFailures.untrustedDestination("stalled: no bytes written for 10 s")).isFalse();
        assertThat(PushFailures.untrustedDestination("tls: Error in the pull function. (exit 1)")).isFalse();
        assertThat(PushFailures.untrustedDestination("pod push-1 ended: Failed (Error, exit 1)")).isFalse();
        assertThat(PushFailures.untrustedDestination(null)).isFalse();
    }
}
