package io.fanout.testkit;

import io.fanout.local.Paths;
import io.fanout.local.Tools;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through its {@code chromedriver} with
 * Selenium, for tests of the pages Fanout serves. Chromium runs without a sandbox (tests run as
 * root), with its own empty profile, without background networking (this machine's network is
 * closed), and lets media play without a user gesture. The driver's log is under the test kit's
 * target directory.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start() {
        Path profile = Paths.fresh("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Tools.chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(Tools.chromedriver()))
                .usingAnyFreePort()
                .withLogFile(Paths.target().resolve("chromedriver-" + profile.getFileName() + ".log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns what it returns. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
