package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sabiscore.events.Fixture;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (Debian's headless Chromium through its chromedriver) over one
 * app instance with a few streamed fixtures: it loads without console errors and shows the day's
 * fixtures and the results, a prediction published while it is open appears without a reload, a
 * club's page draws its rating history, axe-core finds nothing against WCAG 2 A and AA, it fits a
 * phone's width, and {@code /docs} renders the API document. Skipped when Chromium or chromedriver is not installed.
 */
class PageRoutesTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("sabiscore.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("sabiscore.chromedriver", "/usr/bin/chromedriver"));
    private static final Fixture CHELSEA_CITY = StreamedFixtures.fixture("E0", "Chelsea", "Man City", "2023-10-28T14:00:00Z");

    @TempDir
    static Path folder;

    private static SingleInstance instance;
    private static AppInstance app;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void streamSomeFixtures() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install -y chromium chromium-driver");
        instance = SingleInstance.start(folder, "page-test", Map.of(
                "topic.partitions", "3",
                // a fixture published during the test is scored on arrival, not held for a later result
                "result.hold.grace.ms", "0"));
        app = instance.app();
        StreamedFixtures.produce(app.config, StreamedFixtures.RESULTS, StreamedFixtures.FIXTURES);
        StreamedFixtures.awaitPredicted(app, StreamedFixtures.FIXTURES);
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // headless, and nothing that reaches out to the network on its own (it would stall on a closed network)
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + folder.resolve("chromium-" + System.nanoTime()),
                "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowTheReplayedDayAndAPredictionPublishedWhileItIsOpen() throws Exception {
        // given: the page of the day the fixtures were replayed for
        browser.get(app.url("/?competition=E0&date=2023-10-21"));
        WebElement arsenalChelsea = wait.until(ExpectedConditions.presenceOfElementLocated(
                fixture(StreamedFixtures.ARSENAL_CHELSEA)));
        wait.until(ExpectedConditions.textToBe(By.id("live"), "Live"));
        assertThat(arsenalChelsea.findElement(By.tagName("h4")).getText()).isEqualTo("Arsenal v Chelsea");
        assertThat(arsenalChelsea.findElement(By.cssSelector(".bar")).getAttribute("aria-label"))
                .matches("Home win \\d+%, draw \\d+%, away win \\d+%");
        assertThat(arsenalChelsea.findElement(By.cssSelector(".bet")).getText()).startsWith("Recommended:");
        assertThat(browser.findElements(fixture(StreamedFixtures.CITY_LIVERPOOL))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#results tbody tr"))).hasSize(StreamedFixtures.RESULTS.size());
        ((JavascriptExecutor) browser).executeScript("window.sabiscoreLoadedOnce = true;");

        // when: the stream predicts a fixture announced now
        StreamedFixtures.produce(app.config, List.of(), List.of(CHELSEA_CITY));

        // then: it appears on the open page
        WebElement chelseaCity = wait.until(ExpectedConditions.presenceOfElementLocated(fixture(CHELSEA_CITY)));
        assertThat(chelseaCity.findElement(By.tagName("h4")).getText()).isEqualTo("Chelsea v Man City");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sabiscoreLoadedOnce === true;")).isEqualTo(true);
        assertThat(severeConsoleMessages()).isEmpty();
        saveScreenshot("page.png");
    }

    @Test
    void shouldShowTheReasoningOnDemandAndAClubsRatingHistory() {
        browser.get(app.url("/?competition=E0&date=2023-10-21"));
        WebElement arsenalChelsea = wait.until(ExpectedConditions.presenceOfElementLocated(
                fixture(StreamedFixtures.ARSENAL_CHELSEA)));
        WebElement reasons = arsenalChelsea.findElement(By.cssSelector("details ul"));
        assertThat(reasons.isDisplayed()).isFalse();

        arsenalChelsea.findElement(By.tagName("summary")).click();
        assertThat(reasons.isDisplayed()).isTrue();

        arsenalChelsea.findElement(By.linkText("Arsenal")).click();
        wait.until(ExpectedConditions.textToBe(By.id("team-title"), "Arsenal"));
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#team svg.chart polyline")));
        // Arsenal played two of the streamed results: two points on the line
        assertThat(chart.getAttribute("points").split(" ")).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#team svg.chart title")).getAttribute("textContent"))
                .startsWith("Elo rating after each of 2 matches");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void shouldMeetWcag2AaOnTheFixturesAndOnAClubsPage() {
        browser.get(app.url("/?competition=E0&date=2023-10-21"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
        List<String> onFixtures = violations();

        browser.findElement(fixture(StreamedFixtures.ARSENAL_CHELSEA)).findElement(By.linkText("Chelsea")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#team svg.chart")));
        List<String> onClub = violations();

        assertThat(onFixtures).isEmpty();
        assertThat(onClub).isEmpty();
    }

    @Test
    void shouldFitAPhonesWidth() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(app.url("/?competition=E0&date=2023-10-21"));
        wait.until(ExpectedConditions.presenceOfElementLocated(fixture(StreamedFixtures.ARSENAL_CHELSEA)));

        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");

        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        saveScreenshot("page-phone.png");
    }

    @Test
    void shouldRenderTheApiDocumentAtDocs() {
        browser.get(app.url("/docs"));

        WebElement title = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));

        assertThat(title.getText()).startsWith("SabiScore Streams API");
        assertThat(browser.findElements(By.cssSelector(".opblock-summary-path"))).extracting(WebElement::getText)
                .contains("/api/v1/predictions/{fixtureId}", "/api/v1/predictions/stream");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    private static By fixture(Fixture fixture) {
        return By.cssSelector("article.fixture[data-fixture-id=\"" + fixture.getFixtureId().replace("\"", "\\\"") + "\"]");
    }

    /** What axe-core finds against WCAG 2 A and AA on the page as it is now, one line per rule broken. */
    private List<String> violations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa")).analyze(browser);
        assertThat(results.getPasses()).as("rules axe-core checked and found kept").isNotEmpty();
        return results.getViolations().stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
    }

    private List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Kept under target/ for a look after the run. */
    private void saveScreenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
