package io.fanout.contracts.transcode;

/** One rendition of a ladder: a name ("720p"), a picture size and the bitrates it is encoded at. */
public record Rung(String name, int width, int height, int videoBitrateKbps, int audioBitrateKbps) {
}
