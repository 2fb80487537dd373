package io.switchboard.testing.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * One headless Chromium for the web client's end-to-end tests (the launcher's against the whole stack, the
 * gateway's sign-in at a real OIDC provider): the system's own (Debian's {@code chromium} package, or
 * {@code -Dswitchboard.chromium=<path>}), driven by Playwright, which never downloads a browser.
 */
public final class Chromium implements AutoCloseable {

    public static final String EXECUTABLE_PROPERTY = "switchboard.chromium";
    private static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Path executable = Path.of(System.getProperty(EXECUTABLE_PROPERTY, DEFAULT_EXECUTABLE));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("No Chromium at " + executable + ": install Debian's chromium package "
                    + "(.ci/run does) or set -D" + EXECUTABLE_PROPERTY + "=<path>");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        return new Chromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
