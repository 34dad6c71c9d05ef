package io.fanout.publish.domain;

import io.fanout.contracts.push.PreflightCheck;
import io.fanout.contracts.push.PreflightViolation;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a push reads: the live stream from the edge, or a rendition relay when the destination takes
 * fewer lines than the live picture. {@code rendition} is null for the live stream; {@code violation}
 * is set when the live picture is too tall and no rendition that fits is ready (the push sends the
 * live picture meanwhile, and switches when one is).
 */
public record PushSource(String url, Rendition rendition, PreflightViolation violation) {

    /**
     * Chooses the source of a push. The live stream, unless the destination has a limit
     * ({@code maxHeight}, null: none) that the measured live picture ({@code width} x {@code height},
     * null until measured) exceeds: then the tallest ready rendition that fits.
     */
    public static PushSource choose(String liveUrl, Integer maxHeight, Integer width, Integer height,
            List<Rendition> ready) {
        if (maxHeight == null || height == null || height <= maxHeight) {
            return new PushSource(liveUrl, null, null);
        }
        Optional<Rendition> fitting = ready.stream().filter(r -> r.height() <= maxHeight)
                .max(Comparator.comparingInt(Rendition::height));
        return fitting.map(r -> new PushSource(r.relayUrl(), r, null))
                .orElseGet(() -> new PushSource(liveUrl, null, new PreflightViolation(PreflightCheck.PICTURE_SIZE,
                        String.format(Locale.ROOT, "picture %dx%d; the destination takes at most %d lines and no "
                                + "rendition that fits is ready", width, height, maxHeight))));
    }

    /** Whether the push reads a rendition relay rather than the live stream. */
    public boolean isRendition() {
        return rendition != null;
    }
}
