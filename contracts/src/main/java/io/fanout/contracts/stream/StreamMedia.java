package io.fanout.contracts.stream;

/**
 * What the platform makes of a stream's media, as its partner set it: the ladder, and whether each
 * session is kept as a recording (VOD) when it ends.
 */
public record StreamMedia(LadderSetting ladder, boolean record) {

    /** The settings of a stream that never chose: the standard ladder, no recording. */
    public static final StreamMedia DEFAULT = new StreamMedia(LadderSetting.STANDARD, false);

    /** {@code media} itself, or the defaults when an event carried none (an event older than the field). */
    public static StreamMedia orDefault(StreamMedia media) {
        return media == null ? DEFAULT : media.ladder() == null ? new StreamMedia(LadderSetting.STANDARD, media.record())
                : media;
    }
}
