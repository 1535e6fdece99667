package com.salesconnect.tasksync.local.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium and chromedriver for the browser tests, installed with apt-get when missing (as root,
 * non-interactive). Selenium Manager is never used: the driver and the browser are given by path.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Empty when Chromium is there (or was just installed); else why it cannot be, in one line. */
    static Optional<String> ensureInstalled() {
        if (present()) {
            return Optional.empty();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("Chromium is not installed and installing it needs root (apt-get install chromium "
                    + "chromium-driver)");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return Optional.of("Chromium is not installed and there is no apt-get to install it");
        }
        String failure = run(List.of("apt-get", "update", "-qq"));
        if (failure == null) {
            failure = run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium",
                    "chromium-driver"));
        }
        if (failure != null || !present()) {
            return Optional.of("Chromium could not be installed with apt-get: " + (failure == null ? "not found after"
                    + " installing" : failure));
        }
        return Optional.empty();
    }

    static ChromeDriver start(Path userDataDir, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static boolean present() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Null when the command succeeded, else its last output line. */
    private static String run(List<String> command) {
        try {
            File log = File.createTempFile("apt-", ".log");
            log.deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join(" ", command) + " failed: " + (lines.isEmpty() ? "exit " + process.exitValue()
                    : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return String.join(" ", command) + " could not run: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
