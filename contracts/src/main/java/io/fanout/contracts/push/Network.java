package io.fanout.contracts.push;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The kind of destination a push goes to. X covers the Livestream API that succeeded Periscope. */
public enum Network {
    YOUTUBE,
    FACEBOOK,
    X,
    TWITCH,
    /** Any RTMP or RTMPS endpoint given as URL + key. */
    RTMP,
    @JsonEnumDefaultValue
    UNKNOWN
}
