package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page in a real browser (headless Chromium) against the whole service: every served model is
 * listed, the lecture's figure has one point per version with trained weights and a measured
 * accuracy, and an uploaded ankle boot comes back as "Ankle boot". A screenshot goes to
 * {@code target/screenshots/}; with {@code -Dcnnserve.page.screenshot=docs/images/page.png} (or the
 * environment variable {@code CNNSERVE_PAGE_SCREENSHOT}) it is copied there too, for the README.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class PageBrowserTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion", "resnet-fashion");
    private static final Path RESULTS = temporaryFolder();
    private static final List<String> TRAINED = List.of("lenet5-fashion", "resnet-fashion");
    private static final JsonMapper JSON = new JsonMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
        registry.add("cnnserve.admin.token", () -> Http.ADMIN_TOKEN); // starting validations needs it
        // The test starts its own short validations rather than wait for two full test splits.
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.validation.results-directory", RESULTS::toString);
    }

    @LocalServerPort
    int port;

    Http http;
    ChromeDriver browser;

    @BeforeAll
    void startServiceAndBrowser() {
        Chromium.require(System.getenv());
        http = new Http(port, Http.ADMIN_TOKEN);
        http.awaitReady(Duration.ofMinutes(3));
        for (String model : TRAINED) {
            HttpResponse<String> started = http.post("/v1/models/" + model + "/validations", "application/json",
                    "{\"dataset\": \"fashion-mnist\", \"limit\": 500}".getBytes(StandardCharsets.UTF_8));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        }
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> TRAINED.stream().allMatch(m -> !json(http.get("/v1/models/" + m + "/validations"))
                        .isEmpty()));
        browser = Chromium.start(new Dimension(1600, 2000));
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("cnnserve-results");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private void open() {
        browser.get("http://127.0.0.1:" + port + "/");
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    @Test
    void thePageListsEveryServedModel() {
        List<String> served = new ArrayList<>();
        json(http.get("/v1/models")).get("models").forEach(m -> served.add(m.get("name").asString()));
        assertThat(served).contains("lenet5-fashion", "resnet-fashion", "broken");
        open();
        List<String> listed = browser.findElements(By.cssSelector("#models-table tbody tr")).stream()
                .map(row -> row.getAttribute("data-model")).distinct().toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void theComparisonChartHasOnePointPerVersionWithTrainedWeightsAndAMeasuredAccuracy() {
        open();
        List<WebElement> points = waiting().until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#comparison-chart circle.point"), TRAINED.size()));
        assertThat(points).extracting(p -> p.getAttribute("data-model")).containsExactlyInAnyOrderElementsOf(TRAINED);
        String hover = points.get(0).findElement(By.tagName("title")).getAttribute("textContent");
        assertThat(hover).contains("top-1", "MACs", "forward pass");
    }

    @Test
    void uploadingTheAnkleBootShowsAnkleBootFirst() throws IOException {
        open();
        new Select(browser.findElement(By.id("try-model"))).selectByValue("lenet5-fashion");
        browser.findElement(By.id("try-image")).sendKeys(Path.of("examples", "ankle-boot.png").toAbsolutePath()
                .toString());
        browser.findElement(By.id("try-submit")).click();
        WebElement first = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#try-result .result[data-model='lenet5-fashion'] .prediction .label")));
        assertThat(first.getText()).isEqualTo("Ankle boot");
        assertThat(browser.findElement(By.cssSelector("#try-result .timings")).getText()).contains("forward pass");
        // The table refreshes itself: the request just made shows up in the live numbers.
        waiting().until(d -> d.findElements(By.cssSelector("#models-table tr[data-model='lenet5-fashion']")).stream()
                .anyMatch(row -> Integer.parseInt(row.getAttribute("data-requests")) >= 1));
        // The catalogue chart is drawn too: the screenshot shows the whole page at work.
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#catalogue-chart svg")));
        screenshot();
    }

    private void screenshot() throws IOException {
        Path shot = Path.of("target", "screenshots", "page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        Files.write(shot.resolveSibling("catalogue.png"),
                browser.findElement(By.id("catalogue")).getScreenshotAs(OutputType.BYTES));
        String copy = System.getProperty("cnnserve.page.screenshot", System.getenv("CNNSERVE_PAGE_SCREENSHOT"));
        if (copy != null && !copy.isBlank()) {
            Path target = Path.of(copy);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
