package io.fanout.platform.bench;

import io.fanout.testkit.Browser;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link FrameClock}'s barcode read where a viewer sees it: the stream's player page in headless
 * Chromium (hls.js, as partners' viewers run it), every frame the video element presents
 * ({@code requestVideoFrameCallback}) drawn into a 16×1 canvas from the picture's top ninth and
 * decoded to its frame number, noted with the browser's wall clock when first presented.
 */
final class BrowserClock implements AutoCloseable {

    private static final String INSTALL = """
            var video = document.getElementById('video');
            var canvas = document.createElement('canvas');
            canvas.width = %d;
            canvas.height = 1;
            var context = canvas.getContext('2d', { willReadFrequently: true });
            window.fanoutClock = {};
            function presented(now) {
              if (video.videoWidth > 0) {
                context.drawImage(video, 0, 0, video.videoWidth, Math.floor(video.videoHeight / 9), 0, 0, canvas.width, 1);
                var pixels = context.getImageData(0, 0, canvas.width, 1).data, n = 0;
                for (var bit = 0; bit < canvas.width; bit++) {
                  if (pixels[bit * 4] > 128) { n |= 1 << bit; }
                }
                if (!(n in window.fanoutClock)) { window.fanoutClock[n] = performance.timeOrigin + now; }
              }
              video.requestVideoFrameCallback(presented);
            }
            video.requestVideoFrameCallback(presented);
            """.formatted(FrameClock.BITS);

    private final Browser browser;

    private BrowserClock(Browser browser) {
        this.browser = browser;
    }

    /**
     * Opens {@code pageUrl} and starts reading the picture. With {@code lowestRung}, the player is held
     * on the lowest rung, so the browser's own decoding takes as little as possible from the machine it
     * shares with the ladder being measured (every rung's segments are cut at the same instants).
     */
    static BrowserClock watch(String pageUrl, boolean lowestRung) {
        Browser browser = Browser.start();
        try {
            browser.driver().get(pageUrl);
            if (lowestRung) {
                browser.script("if (window.fanoutPlayer) { window.fanoutPlayer.autoLevelCapping = 0; "
                        + "window.fanoutPlayer.currentLevel = 0; }");
            }
            browser.script(INSTALL);
            return new BrowserClock(browser);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** When each frame number was first presented, in milliseconds since the epoch. */
    Map<Integer, Double> seenEpochMillis() {
        Object seen = browser.script("return window.fanoutClock;");
        Map<Integer, Double> frames = new HashMap<>();
        if (seen instanceof Map<?, ?> map) {
            map.forEach((frame, at) -> frames.put(Integer.parseInt(frame.toString()), ((Number) at).doubleValue()));
        }
        return frames;
    }

    @Override
    public void close() {
        browser.close();
    }
}
