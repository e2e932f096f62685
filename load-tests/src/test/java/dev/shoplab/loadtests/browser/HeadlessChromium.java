package dev.shoplab.loadtests.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The real browser of the page tests: Debian's chromium through chromium-driver (no browser download on this
 * machine), headless, with the flags that keep it off a closed network, a profile of its own, and its console kept
 * ({@code browser.manage().logs().get(LogType.BROWSER)}).
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /**
     * A new browser; the caller quits it.
     *
     * @param scratch a folder for the browser's profile (a test's temporary folder)
     * @throws AssertionError naming the packages to install when chromium or chromium-driver is missing
     */
    public static WebDriver start(Path scratch) throws IOException {
        Path chromium = onPath("chromium");
        Path driver = onPath("chromedriver");
        assertTrue(Files.isExecutable(chromium) && Files.isExecutable(driver), "The browser test needs Debian's"
                + " chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run does)");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(scratch, "chromium"), "--window-size=1700,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    /** A program on the PATH, else where Debian's package puts it. */
    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/bin", program);
    }
}
