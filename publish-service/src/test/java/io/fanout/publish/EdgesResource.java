package io.fanout.publish;

import io.fanout.local.Certificates;
import io.fanout.local.Edge;
import io.fanout.testkit.TlsStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Two real nginx-rtmp servers for publish-service's tests: the platform edge pushes read from
 * ({@code live/<streamId>}), and one standing in for the networks' ingest ({@code youtube/<key>},
 * {@code twitch/<key>}). The service is pointed at the first. A third, {@link #unreliable()}
 * ({@code facebook/<key>}), has its ports reserved but is started, stopped and frozen by the tests
 * of destinations that fail. In front of the networks' stand-in, three RTMPS ingests (TLS stand-ins):
 * one with a certificate for {@code localhost} from the tests' own authority, which the service is
 * told to trust instead of the system's; one whose certificate (same authority) is for another name;
 * one self-signed.
 */
public final class EdgesResource implements QuarkusTestResourceLifecycleManager {

    private static Edge source;
    private static Edge networks;
    private static Edge unreliable;
    private static TlsStandIn trusted;
    private static TlsStandIn otherName;
    private static TlsStandIn selfSigned;

    static Edge source() {
        return source;
    }

    static Edge networks() {
        return networks;
    }

    static Edge unreliable() {
        return unreliable;
    }

    static TlsStandIn trusted() {
        return trusted;
    }

    static TlsStandIn otherName() {
        return otherName;
    }

    static TlsStandIn selfSigned() {
        return selfSigned;
    }

    @Override
    public Map<String, String> start() {
        source = Edge.builder().start();
        networks = Edge.builder().application("youtube").application("twitch").start();
        Certificates certificates = Certificates.authority();
        trusted = TlsStandIn.start(certificates.signedFor("localhost"), networks.rtmpPort());
        otherName = TlsStandIn.start(certificates.signedFor("other.example"), networks.rtmpPort());
        selfSigned = TlsStandIn.start(certificates.selfSignedFor("localhost"), networks.rtmpPort());
        // Built last: its ports are reserved, not bound, until a test starts it, so nothing started
        // after it may be handed the same free port.
        unreliable = Edge.builder().application("facebook").build();
        // The stand-in networks, and port 1 of loopback where a destination that refuses connections is.
        return Map.of("fanout.publish.source-url", source.ingestUrl(),
                "fanout.publish.destination-allow-list", "127.0.0.1:" + networks.rtmpPort() + ",127.0.0.1:1,127.0.0.1:"
                        + unreliable.rtmpPort() + ",localhost:" + trusted.port() + ",localhost:" + otherName.port()
                        + ",localhost:" + selfSigned.port(),
                "fanout.publish.tls-ca-file", certificates.caFile().toString());
    }

    @Override
    public void stop() {
        source.stop();
        networks.stop();
        unreliable.thaw();
        unreliable.stop();
        trusted.close();
        otherName.close();
        selfSigned.close();
    }
}
