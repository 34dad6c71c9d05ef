package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.push.Network;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class DestinationApiTest {

    @Inject
    AgroalDataSource dataSource;

    private final String owner = TokenKeys.shared().partnerToken(UUID.randomUUID());
    private final String other = TokenKeys.shared().partnerToken(UUID.randomUUID());

    @Test
    void theKeyIsAcceptedButNeverReturnedAndIsEncryptedAtRest() throws Exception {
        String id = PublishTestSupport.createDestination(owner, "twitch", "rtmps://live.twitch.tv/app", "live_123_secret");

        given().auth().oauth2(owner).get("/v1/destinations/{id}", id).then().statusCode(200)
                .body("network", is("TWITCH"))
                .body("ingestUrl", is("rtmps://live.twitch.tv/app"))
                .body("maxVideoHeight", is(1080))
                .body("$", not(hasKey("streamKey")));
        given().auth().oauth2(owner).get("/v1/destinations").then().statusCode(200).body("id", hasItem(id));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT key_ciphertext, key_id FROM destination WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(new String(r.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("live_123_secret");
                assertThat(r.getString(2)).isEqualTo("k1");
            }
        }
    }

    @Test
    void aNewDestinationIsAnnouncedWithItsOwnerNameAndNetworkAndNothingSecret() {
        UUID partner = UUID.randomUUID();
        try (TopicRecorder announced = TopicRecorder.of(Topics.DESTINATIONS)) {
            String id = PublishTestSupport.createDestination(TokenKeys.shared().partnerToken(partner), "twitch",
                    "rtmps://live.twitch.tv/app", "live_456_secret");

            TopicRecorder.Recorded record = announced.awaitRecords(id, 1, Duration.ofSeconds(20)).get(0);
            assertThat(record.header(CloudEvents.TYPE)).isEqualTo(EventType.DESTINATION_CREATED.ceType());
            DestinationCreated created = (DestinationCreated) Json.read(record.header(CloudEvents.TYPE), record.value());
            assertThat(created.partnerId()).isEqualTo(partner.toString());
            assertThat(created.network()).isEqualTo(Network.TWITCH);
            assertThat(created.name()).isNotBlank();
            assertThat(record.valueAsString()).doesNotContain("live_456_secret").doesNotContain("twitch.tv");
        }
    }

    @Test
    void aDestinationCarriesItsOwnRetryPolicyOrTheDefault() {
        String id = PublishTestSupport.createDestination(owner, "rtmp", "rtmp://127.0.0.1:1/app", "k-policy");
        given().auth().oauth2(owner).get("/v1/destinations/{id}", id).then().statusCode(200)
                .body("retryPolicy.maxAttempts", is(3)).body("retryPolicy.maxDelaySeconds", is(2))
                .body("retryPolicy.custom", is(false));

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("retryPolicy", Map.of("maxAttempts", 40, "maxDelaySeconds", 5)))
                .patch("/v1/destinations/{id}", id).then().statusCode(200)
                .body("retryPolicy.maxAttempts", is(40)).body("retryPolicy.maxDelaySeconds", is(5))
                .body("retryPolicy.custom", is(true));
        given().auth().oauth2(owner).get("/v1/destinations/{id}", id).then().body("retryPolicy.maxAttempts", is(40));
        given().auth().oauth2(other).contentType(ContentType.JSON)
                .body(Map.of("retryPolicy", Map.of("maxAttempts", 1)))
                .patch("/v1/destinations/{id}", id).then().statusCode(404);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("retryPolicy", Map.of()))
                .patch("/v1/destinations/{id}", id).then().statusCode(200)
                .body("retryPolicy.maxAttempts", is(3)).body("retryPolicy.custom", is(false));

        String created = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "patient", "network", "rtmp", "ingestUrl", "rtmp://127.0.0.1:1/app",
                        "streamKey", "k", "retryPolicy", Map.of("maxAttempts", 25)))
                .post("/v1/destinations").then().statusCode(201)
                .body("retryPolicy.maxAttempts", is(25)).body("retryPolicy.maxDelaySeconds", is(2))
                .body("maxVideoHeight", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        assertThat(created).isNotBlank();
    }

    @Test
    void anOutOfRangeRetryPolicyIsRefusedNamingItsField() {
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "impatient", "network", "rtmp", "ingestUrl", "rtmp://127.0.0.1:1/app",
                        "streamKey", "k", "retryPolicy", Map.of("maxAttempts", 0, "maxDelaySeconds", 601)))
                .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("retryPolicy.maxAttempts",
                        "retryPolicy.maxDelaySeconds"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "tiny", "network", "rtmp", "ingestUrl", "rtmp://127.0.0.1:1/app",
                        "streamKey", "k", "maxVideoHeight", 100))
                .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("maxVideoHeight"));
        String id = PublishTestSupport.createDestination(owner, "rtmp", "rtmp://127.0.0.1:1/app", "k-range");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of())
                .patch("/v1/destinations/{id}", id).then().statusCode(400).body("errors.field", hasItem("retryPolicy"));
    }

    @Test
    void anotherPartnersDestinationIsAsAbsentAsAnUnknownOne() {
        String id = PublishTestSupport.createDestination(owner, "rtmp", "rtmp://live.example.org/app", "k");

        given().auth().oauth2(other).get("/v1/destinations/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> visible = given().auth().oauth2(other).get("/v1/destinations").then().extract().path("id");
        assertThat(visible).doesNotContain(id);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("destinationId", id))
                .post("/v1/streams/{id}/targets", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(other).get("/v1/streams/{id}/targets", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void invalidDestinationsAreA400NamingTheField() {
        for (String url : List.of("http://example.com/app", "file:///etc/passwd", "rtmp:///nohost", "rtmp://host/app?x=1",
                "not a url")) {
            given().auth().oauth2(owner).contentType(ContentType.JSON)
                    .body(Map.of("name", "n", "network", "rtmp", "ingestUrl", url, "streamKey", "k"))
                    .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("ingestUrl"));
        }
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "network", "myspace", "ingestUrl", "rtmp://h/a", "streamKey", "k"))
                .post("/v1/destinations").then().statusCode(400)
                .body("errors.field", hasItem("network"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "network", "rtmp", "ingestUrl", "rtmp://h/a", "streamKey", ""))
                .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("streamKey"));
    }

    @Test
    void eachNetworkNeedsItsOwnFieldsAndNoTokenIsEverReturned() {
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("name", "n", "network", "youtube"))
                .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("token"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "network", "x", "token", "t", "streamKey", "k"))
                .post("/v1/destinations").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("accountId", "ingestUrl"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "network", "facebook", "accountId", "../../me", "token", "t"))
                .post("/v1/destinations").then().statusCode(400).body("errors.field", hasItem("accountId"));

        String id = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Page", "network", "facebook", "accountId", "1029384756", "token", "EAAB-page-secret"))
                .post("/v1/destinations").then().statusCode(201)
                .body("network", is("FACEBOOK")).body("accountId", is("1029384756"))
                .body("$", not(hasKey("token"))).extract().path("id");
        String listed = given().auth().oauth2(owner).get("/v1/destinations/{id}", id).then().statusCode(200)
                .extract().asString();
        assertThat(listed).doesNotContain("EAAB-page-secret");
    }

    @Test
    void destinationsThatPointInsideThePlatformAreRefusedBeforeAnythingRuns() {
        for (String url : List.of("rtmp://localhost/app", "rtmp://127.0.0.1:1935/live", "rtmp://[::1]/app",
                "rtmp://169.254.169.254/latest", "rtmp://10.0.0.1/app", "rtmp://192.168.0.10/app", "rtmp://2130706433/app",
                "rtmp://0177.0.0.1/app", "rtmp://[::ffff:127.0.0.1]/app", "rtmps://0.0.0.0/app",
                "concat:rtmp://a/b|file:///etc/passwd", "rtmp://user:pw@8.8.8.8/app")) {
            given().auth().oauth2(owner).contentType(ContentType.JSON)
                    .body(Map.of("name", "n", "network", "rtmp", "ingestUrl", url, "streamKey", "k"))
                    .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("ingestUrl"));
        }
        List<String> names = given().auth().oauth2(owner).get("/v1/destinations").then().statusCode(200)
                .extract().path("name");
        assertThat(names).doesNotContain("n");
    }

    @Test
    void noTokenNoAccess() {
        given().get("/v1/destinations").then().statusCode(401);
        given().auth().oauth2("forged.token.value").get("/v1/destinations").then().statusCode(401);
    }

    @Test
    void aNetworkFanoutHasNoOAuthClientAtCannotBeConnected() {
        // Here Fanout has no OAuth client at any network (ConnectionTest's service has one at each).
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Page", "network", "facebook", "accountId", "1029384756"))
                .post("/v1/connections").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("network"))
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("no OAuth client at facebook")));
    }

    @Test
    void aNameWithControlCharactersIsA400NamingItNotA500() {
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body("{\"name\": \"\\u0000\\u202e\", \"network\": \"twitch\", \"ingestUrl\": \"rtmps://live.twitch.tv/app\", "
                        + "\"streamKey\": \"k\"}")
                .post("/v1/destinations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
    }
}
