package org.cnnserve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its chromedriver, for the page's browser tests. Both are named by
 * path, so Selenium Manager has nothing to look up or download. Missing, they skip the calling test
 * on a developer's machine and fail it under {@code CI=true}, through {@link Requirement}.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getProperty("cnnserve.test.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("cnnserve.test.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A new headless browser with its own empty profile; the caller quits it. */
    static ChromeDriver start(Dimension window) {
        require(System.getenv());
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("cnnserve-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + window.getWidth() + "," + window.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("SE_OFFLINE", "true")).build();
        return new ChromeDriver(service, options);
    }

    static void require(Map<String, String> environment) {
        for (Path tool : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(tool)) {
                Requirement.unavailable(tool + " is missing", "apt-get install chromium chromium-driver (.ci/run does)",
                        environment);
            }
        }
    }
}
