package io.fanout.publish.config;

import io.fanout.publish.network.FacebookAdapter;
import io.fanout.publish.network.NetworkAdapters;
import io.fanout.publish.network.XAdapter;
import io.fanout.publish.network.YouTubeAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** The networks' adapters, their API base URLs and YouTube's OAuth client from configuration. */
@ApplicationScoped
public class NetworkAdapterProducer {

    @Produces
    @ApplicationScoped
    NetworkAdapters adapters(PublishConfig config) {
        PublishConfig.Networks networks = config.networks();
        return new NetworkAdapters(List.of(
                new YouTubeAdapter(networks.youtubeOauthUrl(), networks.youtubeApiUrl(),
                        networks.youtubeClientId().orElse(""), networks.youtubeClientSecret().orElse("")),
                new FacebookAdapter(networks.facebookGraphUrl() + "/" + networks.facebookApiVersion()),
                new XAdapter(networks.xApiUrl(), networks.xClientId().orElse(""), networks.xClientSecret().orElse(""))));
    }
}
