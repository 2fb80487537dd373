package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import io.switchboard.launcher.Stack;

/**
 * The browser app in Chromium against the whole local stack: the JavaScript a first visit loads (gzipped), the
 * time until a sidebar of 1,000 chats is on screen, the main thread's long tasks (over 50 ms) while four panes
 * stream at 50 words per second each, and the time a tab switch takes to paint. Prints the figures and the
 * CPU-seconds of each process (the browser included) over the streaming window; targets are printed beside
 * them, not asserted.
 */
public final class WebClientBenchmark {

    private static final String TENANT = "tenant-web-bench";
    private static final String USER = "web-bench-user";
    private static final int WARM_UP_PAGES = 40;
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    /** Records, in the page and before any script of the app runs, when the sidebar first shows a chat and every
     *  long task of the main thread. An init script, so the app's Content-Security-Policy does not apply. */
    private static final String PROBES = """
            window.__longTasks = [];
            new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration)))
                .observe({ type: 'longtask', buffered: true });
            new MutationObserver((_, observer) => {
                if (document.querySelector('.chat-row')) {
                    window.__sidebarReady = performance.now();
                    observer.disconnect();
                }
            }).observe(document, { childList: true, subtree: true });
            window.__milestones = {};
            const NativeSocket = window.WebSocket;
            window.WebSocket = function (...args) {
                const socket = new NativeSocket(...args);
                window.__milestones.socketCreated ??= performance.now();
                socket.addEventListener('open', () => { window.__milestones.socketOpen ??= performance.now(); });
                socket.addEventListener('message', (e) => {
                    if (typeof e.data === 'string' && e.data.includes('"project_snapshot"')) {
                        window.__milestones.snapshot ??= performance.now();
                    }
                });
                return socket;
            };
            window.WebSocket.prototype = NativeSocket.prototype;
            Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            """;

    private final Path projectRoot = Path.of(System.getProperty("bench.project-root", ".")).toAbsolutePath();
    private final int chats = Integer.getInteger("bench.web.chats", 1000);
    private final int loads = Integer.getInteger("bench.web.loads", 5);
    private final int words = Integer.getInteger("bench.web.words", 500);
    private final Path chromium = Path.of(System.getProperty("bench.web.chromium", "/usr/bin/chromium"));
    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> new WebClientBenchmark().run());
    }

    private boolean run() {
        // 50 words per second per answer, the streaming rate the targets are set for
        StackRun.Measured<Boolean> run = StackRun.run(projectRoot,
                () -> BenchStack.start(projectRoot, Map.of("switchboard.chat.offline.words-per-second", "50"), false),
                this::measure);
        return run.result();
    }

    private boolean measure(Stack stack, Duration stackStart, String loadAtStart) {
        String gateway = stack.gatewayUrl();
        String token = stack.token(TENANT, USER, Duration.ofHours(2));
        GatewayApi api = new GatewayApi(gateway, token);
        String project = api.createProject("web bench");
        new SessionsSeed(stack.infra().postgres()).chats(TENANT, USER, project, chats);
        List<String> panes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            panes.add(api.createChat(project, "pane " + i));
        }
        long gzippedScript = initialJavaScript(gateway);
        listPageTimes(api, project);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", "--no-first-run")))) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
            context.addInitScript(PROBES);
            List<Double> sidebar = sidebarTimes(context, gateway, token);
            List<Double> switches = tabSwitches(context, gateway, token, api, panes);

            ProcessCpu cpu = StackCpu.of(stack, projectRoot, failures);
            browserProcess().ifPresent(pid -> cpu.tree("Chromium (with Playwright's driver)", pid));
            String view = api.createView("four panes", "grid", "broadcast", panes);
            api.showView(view);
            Page page = context.newPage();
            page.navigate(gateway + "/#token=" + token);
            page.locator(".view section.pane").nth(3).waitFor();
            page.evaluate("() => { window.__longTasks = []; }");
            Map<String, Double> before = cpu.seconds();
            long started = System.nanoTime();
            page.locator("textarea[aria-label='Message to every pane']").fill("/rate 50\n/words " + words + "\nbench");
            page.keyboard().press("Enter");
            waitUntil(page, "() => document.querySelectorAll('.view .turn[data-status=completed]').length === 4",
                    Duration.ofMinutes(3), 250);
            double streamed = (System.nanoTime() - started) / 1e9;
            Map<String, Double> after = cpu.seconds();
            @SuppressWarnings("unchecked")
            List<Number> longTasks = (List<Number>) page.evaluate("() => window.__longTasks");
            print(gzippedScript, sidebar, switches, longTasks, streamed, before, after);
        }
        failures.forEach(f -> progress("FAILED: %s", f));
        return failures.isEmpty();
    }

    private long initialJavaScript(String gateway) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            String index = http.send(HttpRequest.newBuilder(URI.create(gateway + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long total = 0;
            Matcher assets = ASSET.matcher(index);
            while (assets.find()) {
                if (assets.group(1).endsWith(".js")) {
                    total += http.send(HttpRequest.newBuilder(URI.create(gateway + assets.group(1)))
                            .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray())
                            .body().length;
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What one list page of the sidebar's size costs through the gateway, as the sidebar's snapshot reads it. The
     * reads also warm the services up (the JIT), so that the sidebar loads measure a running stack, not a cold one.
     */
    private static void listPageTimes(GatewayApi api, String project) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP_PAGES; i++) {
            long start = System.nanoTime();
            GatewayApi.Got page = api.get("/api/projects/" + project + "/chats?limit=200");
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (page.status() != 200) {
                throw new IllegalStateException("listing chats answered " + page.status());
            }
        }
        System.out.println("[bench] a page of 200 chats through the gateway, ms, " + WARM_UP_PAGES + " in a row: "
                + millis);
    }

    /** Milliseconds from navigation start to the first chat row of a 1,000-chat sidebar, per fresh page. */
    private List<Double> sidebarTimes(BrowserContext context, String gateway, String token) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            Page page = context.newPage();
            page.navigate(gateway + "/#token=" + token);
            waitUntil(page, "() => window.__sidebarReady !== undefined", Duration.ofSeconds(30), 20);
            times.add(((Number) page.evaluate("() => window.__sidebarReady")).doubleValue());
            System.out.println("[bench] load " + (i + 1) + " milestones (ms from navigation start): " + page.evaluate(
                    "() => JSON.stringify({ domContentLoaded: Math.round(performance.getEntriesByType('navigation')[0]"
                            + ".domContentLoadedEventEnd), socketCreated: Math.round(window.__milestones.socketCreated),"
                            + " socketOpen: Math.round(window.__milestones.socketOpen),"
                            + " snapshotFrame: Math.round(window.__milestones.snapshot),"
                            + " firstRow: Math.round(window.__sidebarReady) })"));
            page.close();
        }
        return times;
    }

    /** Milliseconds from a click on a tab to the second frame painted after it, back and forth between two tabs. */
    private List<Double> tabSwitches(BrowserContext context, String gateway, String token, GatewayApi api,
            List<String> chats) {
        api.openTab(chats.get(0));
        api.openTab(chats.get(1));
        Page page = context.newPage();
        page.navigate(gateway + "/#token=" + token);
        page.locator("[role=tab]").nth(1).waitFor();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            times.add(((Number) page.evaluate("""
                    async (index) => {
                        const tab = document.querySelectorAll('[role=tab]')[index];
                        const started = performance.now();
                        tab.click();
                        while (tab.getAttribute('aria-selected') !== 'true') {
                            await new Promise((r) => setTimeout(r, 0));
                        }
                        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
                        return performance.now() - started;
                    }""", i % 2)).doubleValue());
        }
        page.close();
        return times;
    }

    /**
     * Polls a condition in the page. Playwright's own waitForFunction evaluates a string, which the app's
     * Content-Security-Policy (no unsafe-eval) refuses; the page's answer is what counts, not the polling's pace.
     */
    private static void waitUntil(Page page, String condition, Duration timeout, int pollMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(page.evaluate(condition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not within " + timeout + ": " + condition);
            }
            page.waitForTimeout(pollMillis);
        }
    }

    private static Optional<Long> browserProcess() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(c -> c.endsWith("node")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    private void print(long gzippedScript, List<Double> sidebar, List<Double> switches, List<Number> longTasks,
            double streamed, Map<String, Double> before, Map<String, Double> after) {
        List<Double> sortedSidebar = new ArrayList<>(sidebar);
        Collections.sort(sortedSidebar);
        List<Double> firstSwitches = switches.subList(0, 2);
        List<Double> laterSwitches = new ArrayList<>(switches.subList(2, switches.size()));
        Collections.sort(laterSwitches);
        double longest = longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
        System.out.printf("""

                | figure | measured | target |
                | --- | --- | --- |
                | initial JavaScript, gzipped | %.1f KB | under 300 KB |
                | first chat row of a %,d-chat sidebar, p50 / max of %d loads | %.0f ms / %.0f ms | under 1 s |
                | tab switch to the second painted frame: first visits | %s ms | under 100 ms |
                | tab switch, later (p50 / max of %d) | %.1f ms / %.1f ms | under 100 ms |
                | four panes x %d words at 50 words/s: main-thread tasks over 50 ms | %d (longest %.0f ms) in %.1f s | none |
                """, gzippedScript / 1024.0, chats, loads, sortedSidebar.get(sortedSidebar.size() / 2),
                sortedSidebar.get(sortedSidebar.size() - 1),
                firstSwitches.stream().map(v -> String.format("%.1f", v)).reduce((a, b) -> a + ", " + b).orElse(""),
                laterSwitches.size(), laterSwitches.get(laterSwitches.size() / 2),
                laterSwitches.get(laterSwitches.size() - 1), words, longTasks.size(), longest, streamed);
        System.out.println("\n| process | CPU-seconds while the four panes streamed |\n| --- | --- |");
        after.forEach((name, end) -> System.out.printf("| %s | %.2f |%n", name, end - before.getOrDefault(name, 0.0)));
    }
}
