package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.ingest.Partners.TestStream;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Malformed edge hook calls (empty, huge and odd names, repeated or missing parameters, wrong
 * methods and secrets), generated from a fixed seed so a failure can be replayed: none may be
 * accepted, none may fail with a 5xx, each is answered without hanging, and the service is
 * unharmed afterwards. Also the brake on key guessing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class EdgeHookFuzzTest {

    private static final Logger LOG = Logger.getLogger(EdgeHookFuzzTest.class);
    private static final int REQUESTS = 300;
    private static final List<String> HOOKS = List.of("on_publish", "on_publish_done");
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Test
    void malformedHookCallsAreRefusedQuicklyAndChangeNothing() {
        TestStream stream = Partners.newPartnerStream("Fuzzed League", "Target", 60);
        Random random = new Random(20261127L);
        List<Long> millis = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            String hook = HOOKS.get(random.nextInt(HOOKS.size()));
            RequestSpecification request = given().config(RAW).redirects().follow(false);
            boolean form = random.nextBoolean();
            String description = hook + (form ? " POST" : " GET");
            for (String[] parameter : malformedParameters(random, stream.key())) {
                description += " " + parameter[0] + "=" + abbreviate(parameter[1]);
                if (form) {
                    request.formParam(parameter[0], parameter[1]);
                } else {
                    request.queryParam(parameter[0], parameter[1]);
                }
            }
            String secret = random.nextInt(10) == 0 ? "wrong-secret" : Hooks.SECRET;
            long started = System.nanoTime();
            Response response = form ? request.post("/internal/edge/" + secret + "/" + hook)
                    : request.get("/internal/edge/" + secret + "/" + hook);
            long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            millis.add(took);

            assertThat(response.statusCode()).as("%d: %s", i, description).isLessThan(500);
            if (hook.equals("on_publish")) {
                assertThat(response.statusCode()).as("%d: %s", i, description).isGreaterThanOrEqualTo(400);
            }
            assertThat(took).as("%d answered without hanging: %s", i, description).isLessThan(5_000);
        }

        millis.sort(Long::compare);
        LOG.infof("%d malformed hook calls: p50 %d ms, p99 %d ms, max %d ms", REQUESTS, millis.get(REQUESTS / 2),
                millis.get(REQUESTS * 99 / 100), millis.get(REQUESTS - 1));
        assertThat(stream.state()).isEqualTo("IDLE");
        given().get("/q/health/ready").then().statusCode(200);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);
        assertThat(stream.state()).isEqualTo("LIVE");
    }

    @Test
    void anAddressGuessingKeysIsRefusedOutrightForTheRestOfTheMinute() {
        TestStream stream = Partners.newPartnerStream("Guarded League", "Target", 60);
        String guesser = "203.0.113." + (1 + new Random().nextInt(250));

        int unknown = 0;
        for (int i = 0; i < 25; i++) {
            publishFrom(guesser, "fo_guess" + i).then().statusCode(403);
            unknown++;
        }

        publishFrom(guesser, stream.key()).then().statusCode(403);
        assertThat(stream.state()).as("not even a right key from the guesser").isEqualTo("IDLE");
        publishFrom("198.51.100.7", stream.key()).then().statusCode(302);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("fanout_ingest_publish_attempts_total{outcome=\"refuse_rate_limited\"}");
        assertThat(unknown).isEqualTo(25);
    }

    private static Response publishFrom(String address, String key) {
        return given().redirects().follow(false).queryParam("call", "publish").queryParam("app", "live")
                .queryParam("name", key).queryParam("addr", address).queryParam("clientid", "77")
                .get("/internal/edge/" + Hooks.SECRET + "/on_publish");
    }

    /**
     * Parameters as a broken or hostile caller might send them: each of app, name, clientid, addr
     * is missing, empty, repeated, huge, odd or (rarely) right, but never all right together with
     * a usable key.
     */
    private static List<String[]> malformedParameters(Random random, String realKey) {
        List<String[]> parameters = new ArrayList<>();
        String[] odd = {"", " ", "../../etc/passwd", "' OR 1=1 --", "\u0000", "%00", "名前", "\ud83d\ude00",
            "live\nset", "a".repeat(129), "x".repeat(3_000), "<script>", "${jndi:ldap://x}", "fo_", realKey + " ",
            realKey.toUpperCase(), realKey.substring(0, realKey.length() - 1), "\t" + realKey};
        add(parameters, random, "call", new String[] {"publish", "update_publish", "play", "", "done"});
        add(parameters, random, "app", new String[] {"live", "hls", "", "LIVE", "live/../live", "a".repeat(500)});
        add(parameters, random, "name", odd);
        add(parameters, random, "clientid", new String[] {"1", "", "-1", "9".repeat(40), "x y"});
        add(parameters, random, "addr", new String[] {"192.0.2.1", "192.0.2.2", "", "not-an-address", "::1"});
        if (random.nextInt(4) == 0) {
            parameters.add(new String[] {"name", odd[random.nextInt(odd.length)]});
        }
        return parameters;
    }

    private static void add(List<String[]> parameters, Random random, String name, String[] values) {
        int repeat = random.nextInt(5) == 0 ? 0 : random.nextInt(6) == 0 ? 2 : 1;
        for (int i = 0; i < repeat; i++) {
            parameters.add(new String[] {name, values[random.nextInt(values.length)]});
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "...(" + value.length() + ")" : value;
    }
}
