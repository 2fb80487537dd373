package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;
import io.switchboard.launcher.Stack;

/**
 * What organising many chats costs: one tenant with many chats (one project holding a thousand of them) and one
 * chat with a long history, seeded into session-service's database, then every sidebar operation sent through the
 * gateway at a fixed rate, all at once: list a project's chats, search, one history page, create a chat, rename
 * one, resize a split view. Prints p50/p99/max per operation and the CPU-seconds each process spent; passes when
 * every request got the answer a correct service gives. Latency targets are printed next to the figures, not
 * asserted: a shared machine's noise must not decide a verdict.
 */
public final class SessionsBenchmark {

    private static final String TENANT = "tenant-sessions";
    private static final String USER = "sessions-user";
    private static final int PROJECTS = 10;
    private static final int VIEWS = 20;
    private static final int PAGE = 50;
    private static final String[] TOPICS = {"kafka", "postgres", "quarkus", "websocket", "gitbranch", "refactor",
        "deploy", "parser", "latency", "migration"};

    private final SessionsSettings settings;
    private final List<String> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String gateway;
    private String token;

    private SessionsBenchmark(SessionsSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> new SessionsBenchmark(SessionsSettings.fromSystemProperties()).run());
    }

    private boolean run() {
        StackRun.Measured<Boolean> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), settings.stackConfig(), settings.keepData()),
                this::measure);
        progress("whole run %.1f s", RunClock.seconds(run.total()));
        return run.result();
    }

    private boolean measure(Stack stack, Duration stackStart, String loadAtStart) {
        gateway = stack.gatewayUrl();
        token = stack.token(TENANT, USER, Duration.ofHours(2));
        GatewayApi api = new GatewayApi(gateway, token);
        SessionsSeed seed = new SessionsSeed(stack.infra().postgres());

        long seeding = System.nanoTime();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            projects.add(api.createProject("sessions " + i));
        }
        String big = projects.get(0);
        seed.chats(TENANT, USER, big, settings.bigProjectChats());
        int rest = settings.chats() - settings.bigProjectChats();
        for (int i = 1; i < PROJECTS; i++) {
            seed.chats(TENANT, USER, projects.get(i), rest / (PROJECTS - 1) + (i <= rest % (PROJECTS - 1) ? 1 : 0));
        }
        String historyChat = api.createChat(projects.get(1), "the long history");
        seed.history(TENANT, historyChat, settings.messages());
        List<String> bigChats = seed.chatIds(big, 500);
        List<String> cursors = historyCursors(historyChat);
        List<View> views = createViews(bigChats);
        progress("seeded %,d chats and %,d messages in %.1f s; %d history cursors, %d views", settings.chats(),
                settings.messages(), (System.nanoTime() - seeding) / 1e9, cursors.size(), views.size());

        List<FixedRateLoad.Operation> operations = operations(big, projects.get(2), historyChat, bigChats, cursors,
                views);
        ProcessCpu cpu = StackCpu.of(stack, settings.projectRoot(), failures);
        // The stack's own background work (pollers, relays, consumers) goes on with or without requests; measured
        // before any load, so that no backlog of the warm-up's counts as idle.
        Map<String, Double> idleStart = cpu.seconds();
        long idleStarted = System.nanoTime();
        idle(settings.idle());
        Duration idled = Duration.ofNanos(System.nanoTime() - idleStarted);
        Map<String, Double> idleEnd = cpu.seconds();
        if (!settings.warmup().isZero()) {
            // The same load, unmeasured: what follows is the services' steady state, not their JIT compiling.
            Map<String, FixedRateLoad.Result> warm = FixedRateLoad.run(http, operations, settings.warmupRate(),
                    settings.warmup());
            progress("warmed up for %d s: %,d requests", settings.warmup().toSeconds(),
                    warm.values().stream().mapToLong(FixedRateLoad.Result::sent).sum());
        }
        Map<String, Double> cpuStart = cpu.seconds();
        long started = System.nanoTime();
        Map<String, FixedRateLoad.Result> results = FixedRateLoad.run(http, operations, settings.rate(),
                settings.duration());
        Duration measured = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Double> cpuEnd = cpu.seconds();
        return print(stackStart, loadAtStart, results, measured, new Cpu(idleStart, idleEnd, idled, cpuStart, cpuEnd));
    }

    private List<FixedRateLoad.Operation> operations(String big, String createIn, String historyChat,
            List<String> bigChats, List<String> cursors, List<View> views) {
        AtomicLong counter = new AtomicLong();
        return List.of(
                new FixedRateLoad.Operation("list chats (1,000-chat project, page of 50)",
                        () -> Optional.of(get("/api/projects/" + big + "/chats?limit=" + PAGE)), 200, ok -> { }),
                new FixedRateLoad.Operation("search (all chats and messages)",
                        () -> Optional.of(get("/api/chats/search?limit=20&q="
                                + encode(TOPICS[(int) (counter.incrementAndGet() % TOPICS.length)]))), 200, ok -> { }),
                new FixedRateLoad.Operation("history page of 50 (100,000-message chat)",
                        () -> Optional.of(get("/api/chats/" + historyChat + "/messages?limit=" + PAGE + "&after="
                                + encode(cursors.get(ThreadLocalRandom.current().nextInt(cursors.size()))))),
                        200, ok -> { }),
                new FixedRateLoad.Operation("create chat",
                        () -> Optional.of(post("/api/projects/" + createIn + "/chats",
                                "{\"title\":\"made at rate " + counter.incrementAndGet() + "\"}")), 201, ok -> { }),
                new FixedRateLoad.Operation("rename chat",
                        () -> Optional.of(send("PATCH", "/api/chats/"
                                + bigChats.get(ThreadLocalRandom.current().nextInt(bigChats.size())),
                                "{\"title\":\"renamed " + counter.incrementAndGet() + "\"}", null)), 200, ok -> { }),
                new FixedRateLoad.Operation("resize split view",
                        () -> resize(views), 200, answer -> View.answered(views, answer),
                        request -> View.missed(views, request, this::currentVersion)));
    }

    /** A view not waiting for an answer, resized the other way; empty when all are (counted as skipped). */
    private Optional<HttpRequest> resize(List<View> views) {
        for (View view : views) {
            if (view.busy.compareAndSet(false, true)) {
                boolean wide = view.flips.incrementAndGet() % 2 == 0;
                return Optional.of(send("PUT", "/api/views/" + view.id + "/sizes",
                        wide ? "{\"sizes\":[60,40]}" : "{\"sizes\":[40,60]}", String.valueOf(view.version.get())));
            }
        }
        return Optional.empty();
    }

    /** Cursors spread over the whole history, read page by page as a client would. */
    private List<String> historyCursors(String chatId) {
        List<String> cursors = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = json(http(get("/api/chats/" + chatId + "/messages?limit=1000"
                    + (after == null ? "" : "&after=" + encode(after)))), 200);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).path("cursor").asText();
            cursors.add(after);
            if (page.size() < 1000) {
                break;
            }
        }
        if (cursors.size() < 2) {
            throw new IllegalStateException("The seeded history was not listed: " + cursors.size() + " pages");
        }
        return cursors;
    }

    private List<View> createViews(List<String> chats) {
        List<View> views = new ArrayList<>();
        for (int i = 0; i < VIEWS; i++) {
            String body = "{\"name\":\"compare " + i + "\",\"layout\":\"horizontal\",\"panes\":[{\"chatId\":\""
                    + chats.get(2 * i) + "\"},{\"chatId\":\"" + chats.get(2 * i + 1) + "\"}]}";
            JsonNode view = json(http(post("/api/views", body)), 201);
            views.add(new View(view.path("id").asText(), view.path("version").asLong()));
        }
        return views;
    }

    private boolean print(Duration stackStart, String loadAtStart, Map<String, FixedRateLoad.Result> results,
            Duration measured, Cpu cpu) {
        FigureTable table = new FigureTable(System.out);
        table.title("Sessions benchmark: %,d chats (%,d in one project), one chat of %,d messages;%n"
                + "each operation %d requests/s for %.0f s, all at once, through the gateway", settings.chats(),
                settings.bigProjectChats(), settings.messages(), settings.rate(), RunClock.seconds(measured));
        table.row("Stack start", FigureTable.seconds(stackStart));
        table.row("Load average at start / end", loadAtStart + " / " + MachineLoad.now());
        table.row("Warm-up before measuring (the same operations)", FigureTable.format("%.0f s at %d requests/s each",
                RunClock.seconds(settings.warmup()), settings.warmupRate()));
        table.rule();
        long requests = 0;
        List<String> problems = new ArrayList<>();
        for (FixedRateLoad.Result result : results.values()) {
            table.row(result.name(), FigureTable.latency(result.latency()));
            if (result.wrong() + result.failed() + result.skipped() > 0) {
                table.row("  not as expected", FigureTable.format("%d wrong status, %d failed, %d skipped",
                        result.wrong(), result.failed(), result.skipped()));
                failures.add(result.name() + ": " + (result.wrong() + result.failed()) + " requests not answered "
                        + "as a correct service answers");
            }
            problems.addAll(result.examples());
            requests += result.sent();
        }
        table.row("Targets", "every p99 under 50 ms, create chat p99 under 20 ms");
        table.rule();
        double total = 0;
        double idleTotal = 0;
        double idleShare = RunClock.seconds(measured) / RunClock.seconds(cpu.idled());
        for (Map.Entry<String, Double> end : cpu.end().entrySet()) {
            double spent = end.getValue() - cpu.start().getOrDefault(end.getKey(), 0.0);
            double idle = (cpu.idleEnd().getOrDefault(end.getKey(), 0.0)
                    - cpu.idleStart().getOrDefault(end.getKey(), 0.0)) * idleShare;
            table.row("CPU " + end.getKey(), FigureTable.format("%.2f s (idle for as long: %.2f s)", spent, idle));
            if (!end.getKey().startsWith("benchmark")) {
                total += spent;
                idleTotal += idle;
            }
        }
        table.row("CPU of the stack per request", FigureTable.format("%.2f ms (%,d requests)",
                requests == 0 ? 0 : total * 1000 / requests, requests));
        table.row("  less the stack's idle CPU", FigureTable.format("%.2f ms",
                requests == 0 ? 0 : (total - idleTotal) * 1000 / requests));
        boolean passed = failures.isEmpty();
        table.end(failures, problems, 5, "the first three per operation", passed);
        return passed;
    }

    /**
     * The CPU-seconds of each process at the start and the end of the idle measurement (before any load), how long
     * it lasted, and the CPU-seconds at the start and the end of the measured load.
     */
    private record Cpu(Map<String, Double> idleStart, Map<String, Double> idleEnd, Duration idled,
            Map<String, Double> start, Map<String, Double> end) {
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return send("POST", path, body, null);
    }

    private HttpRequest send(String method, String path, String body, String ifMatch) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return builder.build();
    }

    private static void idle(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> http(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The view's version as the gateway reads it now; empty when it cannot be read either (tried again later). */
    private OptionalLong currentVersion(String viewId) {
        try {
            return OptionalLong.of(json(http(get("/api/views/" + viewId)), 200).path("version").asLong());
        } catch (IllegalStateException e) {
            return OptionalLong.empty();
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A split view the benchmark resizes: one request at a time, each naming the version the last one left. */
    private static final class View {

        private final String id;
        private final AtomicLong version;
        private final AtomicLong flips = new AtomicLong();
        private final AtomicBoolean busy = new AtomicBoolean();

        private View(String id, long version) {
            this.id = id;
            this.version = new AtomicLong(version);
        }

        static void answered(List<View> views, HttpResponse<String> answer) {
            named(views, answer.request()).ifPresent(view -> {
                view.version.set(json(answer, 200).path("version").asLong());
                view.busy.set(false);
            });
        }

        /**
         * A resize that got no 200 (a 503 while the stack is cold) may or may not have been applied: the view's
         * version is read again before it is resized again, or it would stay busy for the rest of the run.
         */
        static void missed(List<View> views, HttpRequest request, Function<String, OptionalLong> currentVersion) {
            named(views, request).ifPresent(view -> {
                currentVersion.apply(view.id).ifPresent(view.version::set);
                view.busy.set(false);
            });
        }

        /** The view a resize request is for. */
        private static Optional<View> named(List<View> views, HttpRequest request) {
            String path = request.uri().getPath();
            return views.stream().filter(view -> path.contains(view.id)).findFirst();
        }
    }
}
