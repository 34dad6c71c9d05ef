package io.fanout.publish.domain;

import java.util.Locale;

/**
 * What the reason a push ended says about whether another attempt can help (pure logic). Most
 * breaks are worth retrying (a network hiccup, a destination restarting); a destination whose TLS
 * certificate is refused is not: the certificate will not change by itself, and the push must not
 * send the stream key to a peer it cannot trust.
 */
public final class PushFailures {

    private PushFailures() {
    }

    /**
     * The destination's certificate was refused: ffmpeg's TLS layer ({@code tls: ...}, as the runner
     * reports it) found it not chained to a trusted authority, self-signed, or for another name.
     */
    public static boolean untrustedDestination(String reason) {
        if (reason == null) {
            return false;
        }
        for (String line : reason.split("; ")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tls: ") && (lower.contains("certificate") || lower.contains("does not match hostname"))) {
                return true;
            }
        }
        return false;
    }
}
