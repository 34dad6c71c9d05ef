package io.fanout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.push.Network;
import io.fanout.testkit.Browser;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The partner console in a real headless Chromium: a partner signs in with its API token, sees the
 * match a fixture created today, and sees it live with each destination's push once its stream goes
 * live, without reloading; another partner's console shows none of it; a bad token is refused.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class ConsoleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static EventPublisher ingest;
    private static EventPublisher publish;
    private static EventPublisher provider;

    @TestHTTPResource("/console")
    URL console;

    private final Catalog partner = new Catalog();
    private Browser browser;

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        publish = EventPublisher.as("/fanout/publish-service");
        provider = EventPublisher.as("/providers/atp");
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        publish.close();
        provider.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aPartnerSeesTodaysFixtureAndThenEachDestinationOfItLive() {
        partner.authorise("atp");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String fixtureId = "console-" + UUID.randomUUID();
        provider.send(Events.withStart(Events.fixture("atp", fixtureId, partner.partner, 1), start));
        UUID stream = partner.stream(ingest);
        UUID youtube = partner.destination(publish, "Main YouTube", Network.YOUTUBE);
        UUID twitch = partner.destination(publish, "Twitch channel", Network.TWITCH);

        WebDriver page = signIn(partner.token);
        WebElement match = await(page, By.cssSelector("article.match"));
        assertThat(match.findElement(By.tagName("h2")).getText()).isEqualTo("C. Alcaraz v J. Sinner");
        assertThat(match.findElement(By.className("status")).getText()).isEqualToIgnoringCase("scheduled");
        assertThat(page.findElement(By.id("day")).getText()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .toString());

        UUID matchId = UUID.fromString(match.getAttribute("id").substring("match-".length()));
        partner.bind(matchId, stream).then().statusCode(200);
        partner.awaitPlan(matchId, List.of(Map.of("destinationId", youtube), Map.of("destinationId", twitch)));
        UUID session = UUID.randomUUID();
        ingest.send(Events.streamStarted(stream, partner.partner, 2, session));
        publish.send(Events.pushBroadcasting(UUID.randomUUID(), stream, partner.partner, session, youtube));
        publish.send(Events.pushRetrying(UUID.randomUUID(), stream, partner.partner, session, twitch,
                "connection refused"));

        new WebDriverWait(page, DEADLINE).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("article.match .status"), "LIVE"));
        // Each push's events travel on their own partition: wait for both, in whatever order they come.
        new WebDriverWait(page, DEADLINE).until(driver -> driver.findElements(By.cssSelector("li.destination")).size() == 2
                && driver.findElements(By.cssSelector("li.push-broadcasting")).size() == 1
                && driver.findElements(By.cssSelector("li.push-retrying")).size() == 1);
        List<WebElement> destinations = page.findElements(By.cssSelector("li.destination"));
        assertThat(destinations.get(0).getText()).contains("Main YouTube").contains("youtube").contains("broadcasting");
        assertThat(destinations.get(1).getText()).contains("Twitch channel").contains("retrying")
                .contains("connection refused");
        assertThat(page.findElement(By.cssSelector(".summary")).getText()).isEqualTo("1 matches, 1 live");
    }

    @Test
    void anotherPartnersConsoleShowsNoneOfItAndABadTokenIsRefused() {
        partner.authorise("atp");
        provider.send(Events.withStart(Events.fixture("atp", "console-" + UUID.randomUUID(), partner.partner, 1),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        WebDriver mine = signIn(partner.token);
        await(mine, By.cssSelector("article.match"));

        browser.close();
        browser = Browser.start();
        WebDriver theirs = signIn(new Catalog().token);
        assertThat(await(theirs, By.cssSelector(".empty")).getText()).isEqualTo("No matches on this day.");
        assertThat(theirs.findElements(By.cssSelector("article.match"))).isEmpty();

        browser.close();
        browser = Browser.start();
        WebDriver stranger = signIn("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtc2lnbmF0dXJl");
        assertThat(await(stranger, By.cssSelector(".error")).getText()).contains("not a valid partner API token");
        stranger.get(console.toString());
        assertThat(stranger.findElements(By.id("token"))).hasSize(1);
    }

    private WebDriver signIn(String token) {
        WebDriver page = browser.driver();
        page.get(console.toString());
        WebElement field = await(page, By.id("token"));
        // The field takes the token as a partner pastes it.
        browser.script("arguments[0].value = arguments[1];", field, token);
        page.findElement(By.id("sign-in")).click();
        return page;
    }

    private static WebElement await(WebDriver page, By what) {
        return new WebDriverWait(page, DEADLINE).until(ExpectedConditions.presenceOfElementLocated(what));
    }
}
