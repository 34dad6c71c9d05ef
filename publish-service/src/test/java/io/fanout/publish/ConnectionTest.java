package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.fanout.local.TokenKeys;
import io.fanout.publish.domain.CredentialCipher;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connecting YouTube, Facebook and X accounts through their consent pages (OAuth 2.0 authorization
 * code with PKCE), against stand-ins of the networks' authorization servers: the test is the
 * partner's browser, opening the consent URL and following the network's redirect to the callback.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(LoginStubResource.class)
class ConnectionTest {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CredentialCipher cipher;

    private final String owner = TokenKeys.shared().partnerToken(UUID.randomUUID());
    private final String other = TokenKeys.shared().partnerToken(UUID.randomUUID());

    @Test
    void aYouTubeChannelIsConnectedAndItsRefreshTokenKeptEncrypted() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Main channel", "network", "youtube"));
        assertThat(started.jsonPath().getString("status")).isEqualTo("pending");
        URI consent = URI.create(started.path("consentUrl"));
        assertThat(LoginStub.query(consent)).containsEntry("code_challenge_method", "S256")
                .containsEntry("access_type", "offline").doesNotContainKey("code_verifier");

        String destinationId = callback(open(consent)).then().statusCode(200)
                .body("status", is("connected"))
                .body("$", not(hasKey("consentUrl")))
                .extract().path("destinationId");

        given().auth().oauth2(owner).get("/v1/destinations/{id}", destinationId).then().statusCode(200)
                .body("network", is("YOUTUBE")).body("name", is("Main channel")).body("$", not(hasKey("token")));
        assertThat(storedToken(destinationId)).isEqualTo(LoginStubResource.stub().lastLastingToken("google"));
        given().auth().oauth2(owner).get("/v1/connections/{id}", started.jsonPath().getString("id")).then()
                .statusCode(200).body("status", is("connected")).body("destinationId", is(destinationId));
    }

    @Test
    void aFacebookPageIsConnectedWithItsOwnPageToken() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Rugby page", "network", "facebook",
                "accountId", LoginStub.PAGE_ID));

        String destinationId = callback(open(URI.create(started.path("consentUrl")))).then().statusCode(200)
                .body("status", is("connected")).extract().path("destinationId");

        given().auth().oauth2(owner).get("/v1/destinations/{id}", destinationId).then().statusCode(200)
                .body("network", is("FACEBOOK")).body("accountId", is(LoginStub.PAGE_ID));
        assertThat(storedToken(destinationId)).isEqualTo(LoginStubResource.stub().lastLastingToken("facebook"));
    }

    @Test
    void aPageTheUserDoesNotManageFailsTheConnection() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Not mine", "network", "facebook",
                "accountId", "1111111111"));

        callback(open(URI.create(started.path("consentUrl")))).then().statusCode(200)
                .body("status", is("failed"))
                .body("reason", containsString("page 1111111111 is not among the pages"))
                .body("$", not(hasKey("destinationId")));
    }

    @Test
    void anXAccountIsConnectedThroughAConfidentialClient() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "X source", "network", "x",
                "accountId", "1234567890123456789", "ingestUrl", "rtmps://va.pscp.tv:443/x", "streamKey", "x-source-key"));

        String destinationId = callback(open(URI.create(started.path("consentUrl")))).then().statusCode(200)
                .body("status", is("connected")).extract().path("destinationId");

        given().auth().oauth2(owner).get("/v1/destinations/{id}", destinationId).then().statusCode(200)
                .body("network", is("X")).body("ingestUrl", is("rtmps://va.pscp.tv:443/x"))
                .body("$", not(hasKey("streamKey")));
        assertThat(storedToken(destinationId)).isEqualTo(LoginStubResource.stub().lastLastingToken("x"));
    }

    @Test
    void eachStateIsTakenOnceAndOnlyAKnownOne() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Once", "network", "youtube"));
        String redirect = open(URI.create(started.path("consentUrl")));
        callback(redirect).then().statusCode(200).body("status", is("connected"));

        callback(redirect).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("used already"));
        given().get("/v1/connections/callback?state=made-up&code=whatever").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("state"));
        given().get("/v1/connections/callback?code=whatever").then().statusCode(400)
                .body("errors.field", hasItem("state"));
    }

    @Test
    void aCodeRedeemedWithoutItsVerifierIsRefusedByTheNetwork() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Intercepted", "network", "youtube"));
        // Someone else's challenge on the consent page: the code it yields needs that other verifier.
        String consent = started.path("consentUrl");
        String challenge = LoginStub.query(URI.create(consent)).get("code_challenge");
        String tampered = consent.replace(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        callback(open(URI.create(tampered))).then().statusCode(200)
                .body("status", is("failed"))
                .body("reason", containsString("Google refused the authorization code (invalid_grant)"));
    }

    @Test
    void aDeclinedConsentFailsTheConnectionAndCreatesNothing() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Declined", "network", "youtube"));
        LoginStubResource.stub().declineNext();

        callback(open(URI.create(started.path("consentUrl")))).then().statusCode(200)
                .body("status", is("failed")).body("reason", containsString("access_denied"));
        given().auth().oauth2(owner).get("/v1/destinations").then().statusCode(200)
                .body("name", not(hasItem("Declined")));
    }

    @Test
    void aConnectionExpiresUnusedAndItsCallbackIsRefused() throws Exception {
        ExtractableResponse<Response> started = start(Map.of("name", "Late", "network", "x",
                "accountId", "1234567890123456789", "ingestUrl", "rtmps://va.pscp.tv:443/x", "streamKey", "late-key"));
        String redirect = open(URI.create(started.path("consentUrl")));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE account_connection SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            s.setObject(1, UUID.fromString(started.path("id")));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        given().auth().oauth2(owner).get("/v1/connections/{id}", started.jsonPath().getString("id")).then()
                .body("status", is("expired"));

        callback(redirect).then().statusCode(410).contentType("application/problem+json");
        given().auth().oauth2(owner).get("/v1/connections/{id}", started.jsonPath().getString("id")).then()
                .body("status", is("failed")).body("reason", containsString("expired"));
    }

    @Test
    void aPartnerSeesOnlyItsOwnConnections() {
        String id = start(Map.of("name", "Mine", "network", "youtube")).path("id");

        given().auth().oauth2(other).get("/v1/connections/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).get("/v1/connections").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(owner).get("/v1/connections").then().statusCode(200).body("id", hasItem(id));
        given().get("/v1/connections").then().statusCode(401);
    }

    @Test
    void whatADestinationNeedsIsNamedBeforeTheConsentPage() {
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "No key", "network", "x", "accountId", "123", "ingestUrl", "rtmps://va.pscp.tv:443/x"))
                .post("/v1/connections").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("streamKey"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("name", "Twitch", "network", "twitch"))
                .post("/v1/connections").then().statusCode(400).body("errors.field", hasItem("network"));
    }

    private ExtractableResponse<Response> start(Map<String, String> request) {
        return given().auth().oauth2(owner).contentType(ContentType.JSON).body(new HashMap<>(request))
                .post("/v1/connections").then().statusCode(201).body("consentUrl", notNullValue()).extract();
    }

    /** The browser opens the consent page; the network redirects it to the callback: its query. */
    private static String open(URI consent) throws Exception {
        HttpResponse<String> page = BROWSER.send(HttpRequest.newBuilder(consent).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("consent page: %s", page.body()).isEqualTo(302);
        String location = page.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(LoginStub.CALLBACK + "?");
        return location.substring(LoginStub.CALLBACK.length());
    }

    /** The browser follows the redirect to this service's callback (the public URL's path, on the test port). */
    private static Response callback(String query) {
        return given().urlEncodingEnabled(false).get("/v1/connections/callback" + query);
    }

    private String storedToken(String destinationId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT token_ciphertext, key_id FROM destination WHERE id = ?")) {
            s.setObject(1, UUID.fromString(destinationId));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                byte[] stored = r.getBytes(1);
                String token = cipher.decrypt(stored, r.getString(2));
                assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token);
                return token;
            }
        }
    }
}
