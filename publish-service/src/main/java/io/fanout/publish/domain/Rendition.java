package io.fanout.publish.domain;

/** A smaller picture of a live session that transcode-service relays at {@code relayUrl} ({@code rendition.ready}). */
public record Rendition(String rung, int width, int height, String relayUrl) {
}
