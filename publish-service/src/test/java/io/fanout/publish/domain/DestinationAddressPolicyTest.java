package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.publish.domain.DestinationAddressPolicy.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Destination URLs a partner might give to make the platform connect somewhere it must not. */
class DestinationAddressPolicyTest {

    /** A resolver for the names of this test (no DNS involved); any other name does not resolve. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "public.example", List.of("93.184.216.34"),
            "internal.example", List.of("10.0.0.5"),
            "rebind.example", List.of("93.184.216.34", "127.0.0.1"),
            "metadata.google.internal", List.of("169.254.169.254"),
            "127.0.0.1.nip.io", List.of("127.0.0.1"),
            "localhost", List.of("127.0.0.1", "::1"),
            "v6.internal.example", List.of("fd12:3456::1"));

    private final DestinationAddressPolicy policy = new DestinationAddressPolicy(List.of("127.0.0.1:19350"),
            host -> {
                List<String> addresses = NAMES.get(host);
                if (addresses == null) {
                    // Literal addresses resolve without DNS, as the system resolver does.
                    if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':'
                            || Character.digit(c, 16) >= 0)) {
                        return List.of(InetAddress.getByName(host));
                    }
                    throw new UnknownHostException(host);
                }
                List<InetAddress> resolved = new ArrayList<>();
                for (String address : addresses) {
                    resolved.add(InetAddress.getByName(address));
                }
                return resolved;
            });

    static final List<String> SSRF_ATTEMPTS = List.of(
            "rtmp://127.0.0.1/app", "rtmp://127.0.0.1:1935/app", "rtmp://127.1/app", "rtmp://2130706433/app",
            "rtmp://0x7f.0.0.1/app", "rtmp://0177.0.0.1/app", "rtmp://0x7f000001/app", "rtmp://localhost/app",
            "rtmp://LOCALHOST/app", "rtmp://[::1]/app", "rtmp://[::ffff:127.0.0.1]/app", "rtmp://[::ffff:7f00:1]/app",
            "rtmp://[0:0:0:0:0:0:0:1]/app", "rtmp://[fe80::1]/app", "rtmp://[fd00::1]/app", "rtmp://[fc00::5]/app",
            "rtmp://[64:ff9b::a00:1]/app", "rtmp://[2002:a00:1::1]/app", "rtmp://[::a00:1]/app", "rtmp://[ff02::1]/app",
            "rtmp://10.0.0.1/app", "rtmp://10.255.255.255/app", "rtmp://172.16.5.4/app", "rtmp://172.31.0.1/app",
            "rtmp://192.168.1.1/app", "rtmp://100.64.0.1/app", "rtmp://169.254.169.254/latest/meta-data",
            "rtmps://169.254.169.254/app", "rtmp://169.254.0.1/app", "rtmp://0.0.0.0/app", "rtmp://0.0.0.0:1935/app",
            "rtmp://[::]/app", "rtmp://255.255.255.255/app", "rtmp://224.0.0.1/app", "rtmp://240.0.0.1/app",
            "rtmp://192.0.2.10/app", "rtmp://198.18.0.1/app", "rtmp://metadata.google.internal/app",
            "rtmp://internal.example/app", "rtmp://v6.internal.example/app", "rtmp://rebind.example/app",
            "rtmp://127.0.0.1.nip.io/app", "rtmp://127.0.0.1:19351/live", "file:///etc/passwd",
            "http://public.example/app", "https://public.example/app", "concat:rtmp://public.example/a|file:///etc/passwd",
            "gopher://127.0.0.1:6379/_INFO", "srt://public.example:9000", "udp://public.example:1234", "data:,hello",
            "rtmp://user:pass@public.example/app", "rtmp://127.0.0.1:1935@public.example/app",
            "rtmp://public.example/app?redirect=http://169.254.169.254", "rtmp://public.example#@127.0.0.1/app",
            "rtmp:///app", "rtmp://", "rtmp:127.0.0.1/app", "  ", "");

    @Test
    void everySsrfAttemptIsRefusedWithAReason() {
        for (String url : SSRF_ATTEMPTS) {
            Verdict verdict = policy.check(url);
            assertThat(verdict.allowed()).as(url).isFalse();
            assertThat(verdict.unresolved()).as(url + " is refused, not left undecided").isFalse();
            assertThat(verdict.reason()).as(url).isNotBlank();
        }
    }

    /** Special-use and private names are refused before any lookup: none of these resolves here. */
    @Test
    void specialUseNamesAreRefusedEvenWhenTheyDoNotResolve() {
        for (String host : List.of("localhost.", "LOCALHOST.", "cam.localhost", "cam.localhost.", "printer.local",
                "printer.local.", "metadata.internal", "db.corp.internal.", "localhost.localdomain",
                "localhost.localdomain.", "router.home.arpa", "1.0.0.127.in-addr.arpa", "nothing.invalid", "x.test",
                "abc.onion", "nas.lan", "wiki.intranet", "box.home", "ad.corp", "vault.private")) {
            Verdict verdict = policy.check("rtmp://" + host + "/live");
            assertThat(verdict.allowed()).as(host).isFalse();
            assertThat(verdict.unresolved()).as(host + " is refused, not left undecided").isFalse();
            assertThat(verdict.reason()).as(host).contains("special-use name");
        }
        assertThat(policy.check("rtmp://local.public.example/live").unresolved())
                .as("a public name that merely contains a special word").isTrue();
    }

    @Test
    void publicDestinationsAndTheAllowListPass() {
        for (String url : List.of("rtmp://public.example/app", "rtmps://public.example:443/app",
                "rtmp://93.184.216.34/live2", "rtmps://[2001:4860:4860::8888]/app", "rtmp://127.0.0.1:19350/live",
                "RTMP://PUBLIC.EXAMPLE/app")) {
            assertThat(policy.check(url).allowed()).as(url).isTrue();
        }
    }

    @Test
    void aNameThatDoesNotResolveIsUndecidedNotAllowed() {
        Verdict verdict = policy.check("rtmp://a.rtmp.youtube.com/live2");

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.unresolved()).isTrue();
    }
}
