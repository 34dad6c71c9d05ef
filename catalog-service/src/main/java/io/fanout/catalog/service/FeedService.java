package io.fanout.catalog.service;

import io.fanout.catalog.persistence.FeedRepository;
import io.fanout.catalog.persistence.FeedRepository.Feed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The providers a partner authorised to feed its catalog. */
@ApplicationScoped
public class FeedService {

    private final FeedRepository feeds;

    public FeedService(FeedRepository feeds) {
        this.feeds = feeds;
    }

    /** An authorisation, and whether this call made it. */
    public record Authorised(Feed feed, boolean created) {
    }

    @Transactional
    public Authorised authorise(UUID partnerId, String provider) {
        Instant now = Instant.now();
        return feeds.authorise(partnerId, provider, now) ? new Authorised(new Feed(provider, now), true)
                : new Authorised(feeds.find(partnerId, provider).orElseThrow(), false);
    }

    @Transactional
    public boolean revoke(UUID partnerId, String provider) {
        return feeds.revoke(partnerId, provider);
    }

    /** One statement, outside a transaction. */
    public List<Feed> list(UUID partnerId) {
        return feeds.list(partnerId);
    }
}
