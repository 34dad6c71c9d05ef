package io.fanout.publish.runner;

import io.fanout.publish.config.PublishConfig;
import java.util.ArrayList;
import java.util.List;

/** The ffmpeg arguments of a push, the same for a local process and a pod. */
final class PushCommand {

    private PushCommand() {
    }

    /**
     * Reads the live source (or loops the slate file) and copies it to {@code destination}: the
     * destination URL itself, or a reference the runner resolves (a pod's secret). Both ends have
     * {@code -rw_timeout}, except the source of an armed push, which waits for its stream to be
     * published (once it flows, a stall is noticed from the progress); the destination socket's send
     * buffer is bounded. An {@code rtmps://}
     * destination's certificate is verified (chain to {@code tls-ca-file}, name of the host) before the
     * key is sent.
     */
    static List<String> arguments(PushSpec push, PublishConfig config, String slateFile, String destination) {
        String timeoutMicros = Long.toString(config.ioTimeout().toNanos() / 1000);
        List<String> arguments = new ArrayList<>();
        if (push.slate()) {
            arguments.addAll(List.of("-re", "-stream_loop", "-1", "-i", slateFile));
        } else {
            if (!push.armed()) {
                arguments.addAll(List.of("-rw_timeout", timeoutMicros));
            }
            // No frame-rate estimate (a copy needs none): probing ends once every track of the source
            // has shown up, instead of reading about another second and a half (measured: an armed
            // push opened its destination 0.95 s after the encoder's start instead of 2.0 s).
            arguments.addAll(List.of("-analyzeduration", Long.toString(config.sourceAnalyzeDuration().toNanos() / 1000),
                    "-fpsprobesize", "0", "-i", push.sourceUrl()));
        }
        arguments.addAll(List.of("-map", "0", "-c", "copy", "-rw_timeout", timeoutMicros,
                "-send_buffer_size", Integer.toString(config.sendBufferBytes())));
        if (push.destinationUrl().regionMatches(true, 0, "rtmps:", 0, 6)) {
            arguments.addAll(List.of("-tls_verify", "1", "-ca_file", config.tlsCaFile()));
        }
        arguments.addAll(List.of("-f", "flv", destination));
        return arguments;
    }
}
