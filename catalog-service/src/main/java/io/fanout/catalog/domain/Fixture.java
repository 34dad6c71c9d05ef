package io.fanout.catalog.domain;

import java.util.UUID;

/**
 * A fixture as the catalog applies it, checked: for one partner, from one provider, the provider's
 * version and either the match's fields or a cancellation with its reason.
 */
public record Fixture(UUID partnerId, String provider, String fixtureId, long version, MatchFields fields,
        String cancelReason) {

    public boolean cancelled() {
        return fields == null;
    }
}
