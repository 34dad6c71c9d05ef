package io.fanout.publish.config;

import io.fanout.publish.network.AccountLogin;
import io.fanout.publish.network.AccountLogins;
import io.fanout.publish.network.FacebookAdapter;
import io.fanout.publish.network.FacebookLogin;
import io.fanout.publish.network.GoogleLogin;
import io.fanout.publish.network.NetworkAdapters;
import io.fanout.publish.network.XAdapter;
import io.fanout.publish.network.XLogin;
import io.fanout.publish.network.YouTubeAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks' adapters and logins from configuration: their API base URLs, consent pages and
 * Fanout's OAuth clients. A network's accounts can be connected only where Fanout has a client there.
 */
@ApplicationScoped
public class NetworkAdapterProducer {

    @Produces
    @ApplicationScoped
    NetworkAdapters adapters(PublishConfig config) {
        PublishConfig.Networks networks = config.networks();
        return new NetworkAdapters(List.of(
                new YouTubeAdapter(networks.youtubeOauthUrl(), networks.youtubeApiUrl(),
                        networks.youtubeClientId().orElse(""), networks.youtubeClientSecret().orElse("")),
                new FacebookAdapter(facebookGraph(networks)),
                new XAdapter(networks.xApiUrl(), networks.xClientId().orElse(""), networks.xClientSecret().orElse(""))));
    }

    @Produces
    @ApplicationScoped
    AccountLogins logins(PublishConfig config) {
        PublishConfig.Networks networks = config.networks();
        List<AccountLogin> logins = new ArrayList<>();
        if (networks.youtubeClientId().isPresent() && networks.youtubeClientSecret().isPresent()) {
            logins.add(new GoogleLogin(networks.youtubeConsentUrl(), networks.youtubeOauthUrl(),
                    networks.youtubeClientId().get(), networks.youtubeClientSecret().get()));
        }
        if (networks.facebookAppId().isPresent() && networks.facebookAppSecret().isPresent()) {
            logins.add(new FacebookLogin(networks.facebookDialogUrl() + "/" + networks.facebookApiVersion()
                    + "/dialog/oauth", facebookGraph(networks), networks.facebookAppId().get(),
                    networks.facebookAppSecret().get()));
        }
        networks.xClientId().ifPresent(clientId -> logins.add(new XLogin(networks.xConsentUrl(), networks.xApiUrl(),
                clientId, networks.xClientSecret().orElse(""))));
        return new AccountLogins(logins);
    }

    private static String facebookGraph(PublishConfig.Networks networks) {
        return networks.facebookGraphUrl() + "/" + networks.facebookApiVersion();
    }
}
