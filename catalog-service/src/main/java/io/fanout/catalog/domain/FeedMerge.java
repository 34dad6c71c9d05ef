package io.fanout.catalog.domain;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a newer version of an upstream fixture meets a partner's own edits of the same match: a
 * three-way merge per field. The base is what the feed said last time; a field the new version
 * leaves as it was keeps whatever the match holds now (the partner's edit, if any), and a field the
 * new version changes takes the feed's new value. So a partner's fix of a title survives every
 * version that does not touch the title, while a kick-off the league moves always reaches the match.
 */
public final class FeedMerge {

    private FeedMerge() {
    }

    /**
     * The match's fields after {@code incoming}.
     *
     * @param current  what the match holds now
     * @param lastFeed what the feed said in the version applied last (null: the fixture is new)
     * @param incoming what the feed says now
     */
    public static MatchFields merge(MatchFields current, MatchFields lastFeed, MatchFields incoming) {
        if (current == null || lastFeed == null) {
            return incoming;
        }
        return new MatchFields(
                pick(current, lastFeed, incoming, MatchFields::sport),
                pick(current, lastFeed, incoming, MatchFields::competition),
                pick(current, lastFeed, incoming, MatchFields::stage),
                pick(current, lastFeed, incoming, MatchFields::title),
                pick(current, lastFeed, incoming, MatchFields::competitors),
                pick(current, lastFeed, incoming, MatchFields::venue),
                pick(current, lastFeed, incoming, MatchFields::scheduledStart),
                pick(current, lastFeed, incoming, MatchFields::scheduledEnd));
    }

    private static <T> T pick(MatchFields current, MatchFields base, MatchFields incoming, Function<MatchFields, T> field) {
        return Objects.equals(field.apply(incoming), field.apply(base)) ? field.apply(current) : field.apply(incoming);
    }
}
