package com.salesconnect.tasksync.local.browser;

import com.salesconnect.tasksync.local.LocalOptions;
import com.salesconnect.tasksync.local.LocalRuntime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A browser test class's own local run (free ports) and headless Chromium, started before its first test and
 * stopped after its last; the class is skipped when Chromium is missing and cannot be installed. Also the page steps
 * the browser tests share. Register it with {@code @RegisterExtension static final LocalRunInChromium run = ...}.
 */
final class LocalRunInChromium implements BeforeAllCallback, AfterAllCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final int width;
    private final int height;
    private LocalRuntime runtime;
    private ChromeDriver browser;
    private Path profile;

    LocalRunInChromium(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Optional<String> missing = Chromium.ensureInstalled();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "browser test skipped: " + missing.orElse(""));
        runtime = LocalRuntime.start(LocalOptions.parse(new String[]{"--port", "0", "--salesforce-port", "0"},
                name -> null), name -> null);
        profile = Files.createTempDirectory("chromium-profile-");
        browser = Chromium.start(profile, width, height);
        Files.createDirectories(SCREENSHOTS);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    LocalRuntime runtime() {
        return runtime;
    }

    ChromeDriver browser() {
        return browser;
    }

    /** Opens one of the run's pages, e.g. {@code "/"} or {@code "/command-center.html"}. */
    void open(String page) {
        browser.get(runtime.appUrl() + page);
    }

    /** On the Settings page: ticks "Sync tasks with Salesforce" unless it is on already, and waits for the first sync. */
    void enableSync(WebDriverWait wait) {
        open("/");
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        if (!browser.findElement(By.id("sync-enabled")).isSelected()) {
            browser.findElement(By.id("sync-enabled")).click();
            browser.findElement(By.id("save")).click();
        }
        wait.until(ExpectedConditions.textToBe(By.id("first-sync-state"), "DONE"));
    }

    /** Adds a task due the run's today on the Command Center and waits until the page lists it. */
    void addTaskOnCommandCenter(WebDriverWait wait, String subject) {
        open("/command-center.html");
        // The page proposes the browser's date; a test that moved the run's clock past midnight UTC needs the run's.
        browser.executeScript("document.getElementById('add-due').value = arguments[0]",
                LocalDate.ofInstant(runtime.clock().now(), ZoneOffset.UTC).toString());
        browser.findElement(By.id("add-subject")).sendKeys(subject);
        browser.findElement(By.cssSelector("#add button[type=submit]")).click();
        wait.until(d -> texts("#tasks li.task .subject").contains(subject));
    }

    /** Clicks the current page's Sweep button and waits for the sweep to finish. */
    void sweepFromThePage() {
        browser.findElement(By.id("sweep")).click();
        new WebDriverWait(browser, Duration.ofMinutes(2)).until(
                ExpectedConditions.textMatches(By.id("sweep-message"), Pattern.compile("swept in .*")));
    }

    /**
     * Waits until the element's attribute is set and not empty. Before a page's first data load the attribute is
     * not there at all (null), so a plain {@code getAttribute(...).isEmpty()} would fail the wait at once.
     */
    void awaitAttributeNotEmpty(WebDriverWait wait, String id, String attribute) {
        wait.until(d -> {
            String value = browser.findElement(By.id(id)).getAttribute(attribute);
            return value != null && !value.isEmpty();
        });
    }

    /** The texts of the elements matching {@code selector}, read in one go: the pages re-render every 2 seconds. */
    @SuppressWarnings("unchecked")
    List<String> texts(String selector) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", selector);
    }

    /** Saves what the browser shows to target/screenshots/{@code name}.png. */
    void screenshot(String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
