package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.browser.Chromium;

/**
 * The browser app in a real Chromium against the real stack: split panes streaming side by side, tabs, the
 * sidebar's actions, a dropped socket, a reload, the shortcuts, another tenant's link and an accessibility scan.
 * Each test signs in as a user of its own, so their tabs and views never meet. Screenshots of the main screens go
 * to {@code target/screenshots}.
 */
class WebClientIT {

    private static final Duration TURN = Duration.ofSeconds(60);
    private static final LocatorAssertions.ContainsTextOptions LONG_TEXT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(TURN.toMillis());
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Stack stack;
    private static Chromium chromium;

    private String user;
    private String token;
    private ChatApi chats;
    private BrowserContext context;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        chromium = Chromium.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @BeforeEach
    void signIn() {
        user = "user-" + USERS.incrementAndGet();
        token = stack.token("tenant-web", user, Duration.ofHours(1));
        chats = new ChatApi(stack.gatewayUrl(), token);
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        // what the browser showed when a test ended, for a failure's diagnosis (and the main screens otherwise)
        for (Page page : context.pages()) {
            screenshot(page, "last-" + test.getTestMethod().map(m -> m.getName()).orElse("test") + ".png");
        }
        context.close();
    }

    @Test
    void fourPanesStreamAtOnceWithNoTextCrossingPanes() {
        String project = chats.createProject("four panes");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ids.add(chats.createChat(project, "Pane chat " + i));
        }
        showView(createView("Four at once", "grid", "independent", ids));
        Page page = open("/");

        for (int i = 1; i <= 4; i++) {
            // each answer streams for about two seconds, so every later send happens while the others stream
            Locator composer = pane(page, i).locator("textarea");
            composer.fill("/rate 20\n/words 40\nmarker-" + i);
            composer.press("Enter");
        }
        for (int i = 1; i <= 4; i++) {
            PlaywrightAssertions.assertThat(pane(page, i).locator(".turn[data-status=completed]"))
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(TURN.toMillis()));
        }
        for (int i = 1; i <= 4; i++) {
            String shown = answerText(pane(page, i));
            assertThat(shown).contains("marker-" + i);
            for (int other = 1; other <= 4; other++) {
                if (other != i) {
                    assertThat(shown).doesNotContain("marker-" + other);
                }
            }
            assertThat(normalised(shown)).isEqualTo(normalised(storedAnswer(ids.get(i - 1))));
        }
        screenshot(page, "four-panes.png");
    }

    @Test
    void broadcastAsksFourModelsSideBySideForAsManyTurnsAsTheUserGoesOn() {
        String project = chats.createProject("broadcast");
        List<String> models = new ArrayList<>(List.of("offline"));
        models.addAll(RecordedModels.MODELS);
        List<Map<String, String>> panes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String model : models) {
            String chat = chats.createChat(project, "Asked " + model);
            ids.add(chat);
            panes.add(Map.of("chatId", chat, "model", model));
        }
        showView(request().body(Map.of("name", "Compare", "layout", "grid", "syncMode", "broadcast", "panes", panes))
                .post("/api/views").then().statusCode(201).extract().path("id"));
        Page page = open("/");
        Locator composer = page.locator("textarea[aria-label='Message to every pane']");

        for (int round = 1; round <= 2; round++) {
            composer.fill("/words 20\ncompare-" + round);
            composer.press("Enter");
            for (int i = 1; i <= 4; i++) {
                PlaywrightAssertions.assertThat(pane(page, i).locator(".turn[data-status=completed]"))
                        .hasCount(round, new LocatorAssertions.HasCountOptions().setTimeout(TURN.toMillis()));
            }
        }
        PlaywrightAssertions.assertThat(pane(page, 1).locator("[data-role=answer]").last()).containsText("compare-2");
        PlaywrightAssertions.assertThat(pane(page, 2).locator("[data-role=answer]").last()).containsText("Alpha says");
        PlaywrightAssertions.assertThat(pane(page, 3).locator("[data-role=answer]").last()).containsText("Beta says");
        PlaywrightAssertions.assertThat(pane(page, 4).locator("[data-role=answer]").last()).containsText("Gamma says");
        for (int i = 1; i <= 4; i++) {
            PlaywrightAssertions.assertThat(pane(page, i).locator(".turn .answer-head .model").last())
                    .hasText(models.get(i - 1));
            PlaywrightAssertions.assertThat(pane(page, i).locator(".figures").last()).containsText("first token");
            assertThat(normalised(answerText(pane(page, i)))).isEqualTo(normalised(storedAnswer(ids.get(i - 1))));
        }
        screenshot(page, "broadcast.png");
        // every pane is in view, so none of their chats is left unread
        await("read").atMost(Duration.ofSeconds(20)).untilAsserted(() -> ids.forEach(id -> assertThat(
                request().get("/api/chats/{id}", id).then().statusCode(200).extract().<Integer>path("unread")).isZero()));

        pane(page, 3).locator("button", new Locator.LocatorOptions().setHasText("Continue with this one")).click();
        PlaywrightAssertions.assertThat(page.locator(".view")).hasCount(0);
        PlaywrightAssertions.assertThat(activeChat(page).locator("h2")).hasText("Asked stub/beta");
        PlaywrightAssertions.assertThat(tab(page, "Asked stub/beta")).hasAttribute("aria-selected", "true");
    }

    @Test
    void aSocketDroppedMidStreamResumesWithNothingDuplicatedOrMissing() {
        String project = chats.createProject("drop");
        String chat = chats.createChat(project, "Dropped mid-stream");
        openTab(chat);
        List<WebSocketRoute> sockets = new CopyOnWriteArrayList<>();
        Page page = context.newPage();
        page.routeWebSocket(Pattern.compile(".*/ws$"), socket -> {
            socket.connectToServer();
            sockets.add(socket);
        });
        page.navigate(stack.gatewayUrl() + "/#token=" + token);
        Locator pane = activeChat(page);
        Locator composer = pane.locator("textarea");
        composer.fill("/rate 15\n/words 60\nresume-check");
        composer.press("Enter");
        PlaywrightAssertions.assertThat(pane.locator("[data-role=answer]")).containsText("resume-check");

        sockets.get(0).close(new WebSocketRoute.CloseOptions().setCode(4000).setReason("network drop"));
        // Playwright hands its events over only while the test thread is inside one of its calls
        page.waitForCondition(() -> sockets.size() >= 2);

        PlaywrightAssertions.assertThat(pane.locator(".turn[data-status=completed]"))
                .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(TURN.toMillis()));
        assertThat(normalised(answerText(pane))).isEqualTo(normalised(storedAnswer(chat)));
    }

    @Test
    void switchingTabsMidStreamComesBackToTheFinishedAnswer() {
        List<String> tabs = chatsInTabs("tabs", "First tab", "Second tab");
        String first = tabs.get(0);
        Page page = open("/chats/" + first);
        PlaywrightAssertions.assertThat(tab(page, "First tab")).hasAttribute("aria-selected", "true");
        Locator composer = activeChat(page).locator("textarea[aria-label='Message to First tab']");
        composer.fill("/rate 20\n/words 60\nbackground-answer");
        composer.press("Enter");
        PlaywrightAssertions.assertThat(activeChat(page).locator("[data-role=answer]").last()).containsText("background-answer");

        page.keyboard().press("Control+2");
        PlaywrightAssertions.assertThat(tab(page, "Second tab")).hasAttribute("aria-selected", "true");
        await("the answer in the background").atMost(TURN).until(() -> storedAnswer(first) != null);

        page.keyboard().press("Control+1");
        PlaywrightAssertions.assertThat(tab(page, "First tab")).hasAttribute("aria-selected", "true");
        PlaywrightAssertions.assertThat(activeChat(page).locator(".turn[data-status=completed]")).hasCount(1);
        assertThat(normalised(answerText(activeChat(page)))).isEqualTo(normalised(storedAnswer(first)));
        screenshot(page, "chat-tab.png");
    }

    @Test
    void theChangesPanelShowsWhatTheAgentChangedAndRestoresAnEarlierCommit() {
        String chat = chatsInTabs("changes", "Agent work").get(0);
        Page page = open("/chats/" + chat);
        Locator pane = activeChat(page);
        Locator changesButton = pane.locator("button[aria-label='Changes of Agent work']");
        changesButton.click();
        Locator panel = pane.locator("section[aria-label='Changes of Agent work']");
        PlaywrightAssertions.assertThat(panel.locator(".distance")).hasText("0 commits ahead of main");

        Locator composer = pane.locator("textarea");
        composer.fill("First\n/tool write_file {\"path\":\"plan.md\",\"content\":\"step one\\n\"}");
        composer.press("Enter");
        PlaywrightAssertions.assertThat(panel.locator(".commits li")).hasCount(1,
                new LocatorAssertions.HasCountOptions().setTimeout(TURN.toMillis()));
        composer.fill("Second\n/tool write_file {\"path\":\"notes.md\",\"content\":\"more\\n\"}");
        composer.press("Enter");
        PlaywrightAssertions.assertThat(panel.locator(".commits li")).hasCount(2,
                new LocatorAssertions.HasCountOptions().setTimeout(TURN.toMillis()));
        PlaywrightAssertions.assertThat(panel.locator(".distance")).hasText("2 commits ahead of main");
        PlaywrightAssertions.assertThat(panel.locator(".changed-files code"))
                .hasText(new String[] {"notes.md", "plan.md"});
        Locator plan = panel.locator(".changed-files li", new Locator.LocatorOptions().setHasText("plan.md"));
        plan.locator("summary").click();
        PlaywrightAssertions.assertThat(plan.locator(".patch")).isVisible();
        PlaywrightAssertions.assertThat(plan.locator(".patch")).containsText("+step one");
        screenshot(page, "changes-panel.png");

        // Back to the first turn's commit: notes.md goes, the history keeps both turns and the restore.
        panel.locator(".commits li").nth(1)
                .locator("button", new Locator.LocatorOptions().setHasText("Restore")).click();
        page.locator("[role=dialog] button[type=submit]").click();
        PlaywrightAssertions.assertThat(panel.locator(".commits li")).hasCount(3);
        PlaywrightAssertions.assertThat(panel.locator(".commits li").first()).containsText("restores");
        PlaywrightAssertions.assertThat(panel.locator(".changed-files code")).hasText(new String[] {"plan.md"});
        request().get("/api/chats/{id}/workspace/files", chat).then().statusCode(200)
                .body("entries.path", contains("plan.md"));

        // A local merge request: the dialog says it would be a fast-forward, then the default branch has it all.
        panel.locator("button", new Locator.LocatorOptions().setHasText("Merge into main")).click();
        PlaywrightAssertions.assertThat(page.locator("[role=dialog]")).containsText("as a fast-forward");
        page.locator("[role=dialog] button[type=submit]").click();
        PlaywrightAssertions.assertThat(panel.locator("[role=status]")).containsText("Merged into main");
        PlaywrightAssertions.assertThat(panel.locator(".distance")).containsText("0 commits ahead of main");
        request().get("/api/chats/{id}/workspace/commits", chat).then().statusCode(200)
                .body("ahead", equalTo(0)).body("behind", equalTo(0));
    }

    @Test
    void theChangesPanelWarnsOfAFileAnotherChatOfTheProjectChangedToo() {
        List<String> tabs = chatsInTabs("radar", "Left agent", "Right agent");
        editSharedFile(tabs.get(0));
        Page page = open("/chats/" + tabs.get(0));
        Locator pane = activeChat(page);
        pane.locator("button[aria-label='Changes of Left agent']").click();
        Locator warning = pane.locator(".shared-changes");
        PlaywrightAssertions.assertThat(pane.getByText("shared.md").first()).isVisible();
        PlaywrightAssertions.assertThat(warning).hasCount(0);

        // The other chat commits the same file while the panel is open: the warning comes without a reload.
        editSharedFile(tabs.get(1));
        PlaywrightAssertions.assertThat(warning).containsText("Also changed in other chats");
        PlaywrightAssertions.assertThat(warning.locator("code")).hasText("shared.md");
        warning.locator("button", new Locator.LocatorOptions().setHasText("other chat 1")).click();
        PlaywrightAssertions.assertThat(activeChat(page).locator("h2")).hasText("Right agent");
    }

    @Test
    void theChangesPanelAsksToConnectGitHubBeforeOfferingAPullRequest() {
        String chat = chatsInTabs("github", "Wants a pull request").get(0);
        Page page = open("/chats/" + chat);
        Locator pane = activeChat(page);
        // the button shows once the chat's workspace is ready
        pane.locator("button[aria-label='Changes of Wants a pull request']").click();
        Locator section = pane.locator("section[aria-label='Changes of Wants a pull request'] "
                + "section[aria-label='Pull request']");
        Locator connect = section.locator("form[aria-label='Connect GitHub']");
        PlaywrightAssertions.assertThat(connect).isVisible();
        // the form and the button come from the same answer (the project has no GitHub repository): no button
        PlaywrightAssertions.assertThat(section.locator("button", new Locator.LocatorOptions()
                .setHasText("Open pull request"))).hasCount(0);
        PlaywrightAssertions.assertThat(section.locator("a")).hasCount(0);
        request().body(Map.of("title", "Not yet")).post("/api/chats/{id}/pull-request", chat).then().statusCode(409)
                .body("detail", containsString("not connected to a GitHub repository"));
        screenshot(page, "connect-github.png");
        // The top bar's button says the same, beside itself, and opens nothing.
        Locator topBarButton = page.locator("header.topbar .pull-request-button button");
        PlaywrightAssertions.assertThat(topBarButton).isEnabled();
        topBarButton.click();
        PlaywrightAssertions.assertThat(page.locator("header.topbar .pull-request-button [role=alert]"))
                .containsText("not connected to a GitHub repository");

        // What the server refuses is shown with its reason (no call to GitHub: the repository is malformed), and
        // the token is gone from the form once the server answered.
        connect.locator("input").first().fill("not a repository");
        connect.locator("input[type=password]").fill("ghp_not-a-real-token");
        connect.locator("button[type=submit]").click();
        PlaywrightAssertions.assertThat(connect.locator("[role=alert]")).containsText("owner/name");
        PlaywrightAssertions.assertThat(connect.locator("input[type=password]")).hasValue("");
        PlaywrightAssertions.assertThat(section.locator("button", new Locator.LocatorOptions()
                .setHasText("Open pull request"))).hasCount(0);
        String project = request().get("/api/chats/{id}", chat).then().statusCode(200).extract().path("projectId");
        request().get("/api/projects/{id}/github", project).then().statusCode(404);
    }

    @Test
    void aNewChatCanStartFromAnotherBranchOfTheProject() {
        String source = chatsInTabs("from a branch", "Source agent").get(0);
        editSharedFile(source);
        String sourceHead = request().get("/api/chats/{id}/workspace", source).then().statusCode(200)
                .extract().path("headCommit");
        Page page = open("/chats/" + source);
        PlaywrightAssertions.assertThat(tab(page, "Source agent")).hasAttribute("aria-selected", "true");

        page.keyboard().press("Control+t");
        Locator dialog = page.locator("[role=dialog]");
        dialog.locator("input").fill("Builds on it");
        String branch = ChatBranchNames.of("source-agent", source);
        PlaywrightAssertions.assertThat(dialog.locator("option[value='" + branch + "']")).hasCount(1);
        dialog.locator("select").nth(1).selectOption(branch);
        dialog.locator("button[type=submit]").click();

        PlaywrightAssertions.assertThat(tab(page, "Builds on it")).hasAttribute("aria-selected", "true");
        page.waitForURL(url -> url.contains("/chats/") && !url.endsWith(source));
        String created = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertThat(created).isNotEqualTo(source);
        await("the new chat's workspace").atMost(Duration.ofSeconds(30)).untilAsserted(() -> request()
                .get("/api/chats/{id}/workspace", created).then().statusCode(200)
                .body("status", equalTo("READY")).body("headCommit", equalTo(sourceHead)));
    }

    private void editSharedFile(String chat) {
        assertThat(chats.send(chat, "radar-" + chat,
                "Edit\n/tool write_file {\"path\":\"shared.md\",\"content\":\"" + chat + "\\n\"}"))
                .isEqualTo(202);
        await("the agent's commit").atMost(TURN).untilAsserted(() -> request()
                .get("/api/chats/{id}/workspace/commits", chat).then().statusCode(200).body("ahead", equalTo(1)));
    }

    @Test
    void aReloadRestoresTabsViewsAndDrafts() {
        List<String> tabs = chatsInTabs("reload", "Other tab", "With a draft");
        String other = tabs.get(0);
        String drafted = tabs.get(1);
        Page page = open("/");
        activeChat(page).locator("textarea").fill("a draft that survives a reload");
        await("the draft saved").atMost(Duration.ofSeconds(20)).until(() -> "a draft that survives a reload".equals(
                request().get("/api/chats/{id}/client-state", drafted).then().statusCode(200)
                        .extract().path("state.draft")));

        page.reload();
        PlaywrightAssertions.assertThat(activeChat(page).locator("textarea")).hasValue("a draft that survives a reload");
        PlaywrightAssertions.assertThat(page.locator("[role=tab]")).hasCount(2);
        PlaywrightAssertions.assertThat(tab(page, "With a draft")).hasAttribute("aria-selected", "true");

        String view = createView("Side by side", "horizontal", "independent", List.of(drafted, other));
        page.reload();
        page.selectOption("select[aria-label=Views]", view);
        PlaywrightAssertions.assertThat(page.locator(".view section.pane")).hasCount(2);
        page.reload();
        PlaywrightAssertions.assertThat(page.locator(".view section.pane")).hasCount(2);
        PlaywrightAssertions.assertThat(page.locator("section.pane[aria-label='Pane 1'] h2")).hasText("With a draft");
    }

    @Test
    void everyShortcutWorks() {
        chatsInTabs("shortcuts", "Chat A", "Chat B");
        Page page = open("/");
        PlaywrightAssertions.assertThat(tab(page, "Chat B")).hasAttribute("aria-selected", "true");

        page.keyboard().press("Control+t");
        Locator dialog = page.locator("[role=dialog]");
        dialog.locator("input").fill("Chat C");
        dialog.locator("input").press("Enter");
        PlaywrightAssertions.assertThat(tab(page, "Chat C")).hasAttribute("aria-selected", "true");

        page.keyboard().press("Control+1");
        PlaywrightAssertions.assertThat(tab(page, "Chat A")).hasAttribute("aria-selected", "true");
        page.keyboard().press("Control+Shift+BracketRight");
        PlaywrightAssertions.assertThat(tab(page, "Chat B")).hasAttribute("aria-selected", "true");
        page.keyboard().press("Control+Shift+BracketLeft");
        PlaywrightAssertions.assertThat(tab(page, "Chat A")).hasAttribute("aria-selected", "true");
        page.keyboard().press("Control+9");
        PlaywrightAssertions.assertThat(tab(page, "Chat C")).hasAttribute("aria-selected", "true");

        page.keyboard().press("Control+w");
        PlaywrightAssertions.assertThat(page.locator("[role=tab]")).hasCount(2);
        PlaywrightAssertions.assertThat(tab(page, "Chat C")).hasCount(0);
        page.keyboard().press("Control+Shift+t");
        PlaywrightAssertions.assertThat(tab(page, "Chat C")).hasAttribute("aria-selected", "true");
        assertThat(request().get("/api/ui-state").then().statusCode(200).extract().<List<String>>path("openTabs"))
                .hasSize(3);
    }

    @Test
    void theSidebarRenamesArchivesAndDeletes() {
        String project = chats.createProject("sidebar");
        String chat = chats.createChat(project, "Before rename");
        Page page = open("/");
        Locator row = page.locator(".chat-row[data-chat-id='" + chat + "']");
        PlaywrightAssertions.assertThat(row).containsText("Before rename");

        row.click(new Locator.ClickOptions().setButton(com.microsoft.playwright.options.MouseButton.RIGHT));
        page.locator("[role=menuitem]", new Page.LocatorOptions().setHasText("Rename")).click();
        Locator title = page.locator("[role=dialog] input");
        title.fill("After rename");
        title.press("Enter");
        PlaywrightAssertions.assertThat(row).containsText("After rename");
        assertThat(request().get("/api/chats/{id}", chat).then().statusCode(200).extract().<String>path("title"))
                .isEqualTo("After rename");

        page.locator("button[aria-label='Actions for After rename']").click();
        page.locator("[role=menuitem]", new Page.LocatorOptions().setHasText("Archive")).click();
        PlaywrightAssertions.assertThat(row).hasCount(0);
        page.locator("button.group", new Page.LocatorOptions().setHasText("Archived")).click();
        PlaywrightAssertions.assertThat(row).containsText("After rename");
        screenshot(page, "sidebar.png");

        page.locator("button[aria-label='Actions for After rename']").click();
        page.locator("[role=menuitem]", new Page.LocatorOptions().setHasText("Delete")).click();
        page.locator("[role=dialog] button[type=submit]").click();
        PlaywrightAssertions.assertThat(row).hasCount(0);
        request().get("/api/chats/{id}", chat).then().statusCode(404);
    }

    @Test
    void anotherTenantsChatLinkShowsNotFound() {
        String mallory = stack.token("tenant-web-other", "mallory", Duration.ofHours(1));
        ChatApi theirs = new ChatApi(stack.gatewayUrl(), mallory);
        String foreign = theirs.createChat(theirs.createProject("secret"), "Their secret chat");
        Page page = open("/chats/" + foreign);
        PlaywrightAssertions.assertThat(page.locator("[role=alert]", new Page.LocatorOptions().setHasText("Chat not found")))
                .isVisible();
        assertThat(page.content()).doesNotContain("Their secret chat");
    }

    @Test
    void theMainScreensHaveNoSeriousAccessibilityViolations() throws IOException {
        String project = chats.createProject("accessible");
        String first = chats.createChat(project, "Accessible chat");
        String second = chats.createChat(project, "Second pane");
        chats.send(first, UUID.randomUUID().toString(), "/words 12\nHello");
        openTab(first);
        String axe = Files.readString(TestStacks.projectRoot().resolve("web/node_modules/axe-core/axe.min.js"));

        Page page = open("/");
        PlaywrightAssertions.assertThat(activeChat(page).locator(".turn")).hasCount(1);
        assertThat(seriousViolations(page, axe)).isEmpty();

        showView(createView("Accessible view", "horizontal", "broadcast", List.of(first, second)));
        // the address bar names the chat; the root shows what the server's UI state says: the view
        page.navigate(stack.gatewayUrl() + "/");
        PlaywrightAssertions.assertThat(page.locator(".view section.pane")).hasCount(2);
        assertThat(seriousViolations(page, axe)).isEmpty();
    }

    @Test
    void queuedMessagesAreEditedCancelledAndTheRunningOneStopped() {
        String project = chats.createProject("queue");
        String chat = chats.createChat(project, "Queue controls");
        openTab(chat);
        Page page = open("/");
        Locator pane = activeChat(page);
        Locator composer = pane.locator("textarea[aria-label='Message to Queue controls']");
        for (String text : List.of("/stall 60\nblocking", "second", "third")) {
            composer.fill(text);
            composer.press("Enter");
        }
        Locator turns = pane.locator(".turn");
        PlaywrightAssertions.assertThat(turns).hasCount(3);
        PlaywrightAssertions.assertThat(turns.nth(0)).hasAttribute("data-status", "running");
        PlaywrightAssertions.assertThat(turns.nth(1).locator(".state")).hasText("queued #1");

        turns.nth(1).locator("button", new Locator.LocatorOptions().setHasText("Edit")).click();
        pane.locator("textarea[aria-label='Edit the queued message']").fill("/words 3\nsecond, edited");
        pane.locator("button", new Locator.LocatorOptions().setHasText("Save")).click();
        PlaywrightAssertions.assertThat(turns.nth(1).locator(".question-text")).hasText("/words 3\nsecond, edited");
        turns.nth(2).locator("button", new Locator.LocatorOptions().setHasText("Cancel")).click();
        PlaywrightAssertions.assertThat(turns.nth(2)).hasAttribute("data-status", "cancelled");

        turns.nth(0).locator("button", new Locator.LocatorOptions().setHasText("Stop")).click();
        PlaywrightAssertions.assertThat(turns.nth(0)).not().hasAttribute("data-status", "running");
        PlaywrightAssertions.assertThat(turns.nth(1)).hasAttribute("data-status", "completed",
                new LocatorAssertions.HasAttributeOptions().setTimeout(TURN.toMillis()));
        PlaywrightAssertions.assertThat(turns.nth(1).locator("[data-role=answer]")).containsText("second, edited");
    }

    @Test
    void aChatIsExportedAndImportedBackFromTheSidebar() {
        String project = chats.createProject("transfer");
        String chat = chats.createChat(project, "To carry over");
        chats.send(chat, UUID.randomUUID().toString(), "/words 4\ncarried text");
        await("answered").atMost(TURN).until(() -> storedAnswer(chat) != null);
        Page page = open("/");
        page.locator("button[aria-label='Actions for To carry over']").click();
        Download download = page.waitForDownload(() ->
                page.locator("[role=menuitem]", new Page.LocatorOptions().setHasText("Export")).click());
        Path file = SCREENSHOTS.getParent().resolve("exported-chat.json");
        download.saveAs(file);

        page.locator(".import input[type=file]").setInputFiles(file);
        Locator imported = activeChat(page);
        PlaywrightAssertions.assertThat(imported.locator("h2")).hasText("To carry over");
        PlaywrightAssertions.assertThat(imported.locator("[data-role=answer]")).containsText("carried text");
        assertThat(imported.getAttribute("data-chat-id")).isNotEqualTo(chat);
    }

    @Test
    void theInboxListsAChatThatFinishedOutOfViewAndOpensIt() {
        String project = chats.createProject("inbox");
        String inView = chats.createChat(project, "In view");
        String elsewhere = chats.createChat(project, "Elsewhere");
        openTab(inView);
        Page page = open("/");
        PlaywrightAssertions.assertThat(tab(page, "In view")).hasAttribute("aria-selected", "true");
        chats.send(elsewhere, UUID.randomUUID().toString(), "/words 3\nanswered out of view");

        Locator inbox = page.locator("button.inbox-button");
        PlaywrightAssertions.assertThat(inbox).hasAttribute("aria-label", "Inbox, 1 need attention",
                new LocatorAssertions.HasAttributeOptions().setTimeout(TURN.toMillis()));
        inbox.click();
        page.locator(".inbox button", new Page.LocatorOptions().setHasText("Elsewhere: completed")).click();
        PlaywrightAssertions.assertThat(tab(page, "Elsewhere")).hasAttribute("aria-selected", "true");
        PlaywrightAssertions.assertThat(activeChat(page).locator("[data-role=answer]")).containsText("answered out of view");
        PlaywrightAssertions.assertThat(inbox).hasAttribute("aria-label", "Inbox, 0 need attention");
    }

    @Test
    void aTurnEndingWhileThePageIsHiddenRaisesABrowserNotification() {
        String project = chats.createProject("notify");
        String chat = chats.createChat(project, "Hidden answer");
        openTab(chat);
        context.grantPermissions(List.of("notifications"));
        // Records what the app shows through the Notification API (and shows it too), and lets the test hide the
        // page as switching to another browser tab would: document.hidden and a visibilitychange event.
        context.addInitScript("""
                (() => {
                    window.__notifications = [];
                    const Native = window.Notification;
                    function Recorded(title, options) {
                        window.__notifications.push(title);
                        try {
                            return new Native(title, options);
                        } catch (e) {
                            return {};
                        }
                    }
                    Object.defineProperty(Recorded, 'permission', { get: () => Native.permission });
                    Recorded.requestPermission = (...args) => Native.requestPermission(...args);
                    window.Notification = Recorded;
                    let hidden = false;
                    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
                    Object.defineProperty(document, 'visibilityState', { configurable: true,
                        get: () => hidden ? 'hidden' : 'visible' });
                    window.__setHidden = (value) => {
                        hidden = value;
                        document.dispatchEvent(new Event('visibilitychange'));
                    };
                })();
                """);
        Page page = open("/");
        assertThat(page.evaluate("Notification.permission")).isEqualTo("granted");
        PlaywrightAssertions.assertThat(tab(page, "Hidden answer")).hasAttribute("aria-selected", "true");

        page.evaluate("window.__setHidden(true)");
        chats.send(chat, UUID.randomUUID().toString(), "/words 3\nanswered while hidden");
        await().atMost(TURN).untilAsserted(() -> assertThat(notifications(page))
                .containsExactly("Switchboard: a turn completed"));
        assertThat(notifications(page)).containsExactly("Switchboard: a turn completed");
        page.evaluate("window.__setHidden(false)");
        PlaywrightAssertions.assertThat(page.locator("button.inbox-button"))
                .hasAttribute("aria-label", "Inbox, 1 need attention");
    }

    @SuppressWarnings("unchecked")
    private static List<String> notifications(Page page) {
        return (List<String>) page.evaluate("window.__notifications");
    }

    @Test
    void forkingAtATurnOpensTheForkWithItsBranch() {
        String project = chats.createProject("fork");
        String chat = chats.createChat(project, "Source");
        chats.send(chat, UUID.randomUUID().toString(), "/words 3\nfirst question");
        await("answered").atMost(TURN).until(() -> storedAnswer(chat) != null);
        openTab(chat);
        Page page = open("/");
        PlaywrightAssertions.assertThat(activeChat(page).locator(".branch")).containsText("switchboard/");
        activeChat(page).locator("button", new Locator.LocatorOptions().setHasText("Fork here")).click();
        PlaywrightAssertions.assertThat(tab(page, "Source (fork)")).hasAttribute("aria-selected", "true");
        PlaywrightAssertions.assertThat(activeChat(page).locator("[data-role=answer]")).containsText("first question");
        PlaywrightAssertions.assertThat(activeChat(page).locator(".branch")).containsText("switchboard/");
    }

    @Test
    void panesResizeFromTheKeyboardAndStackOnANarrowScreen() {
        String project = chats.createProject("layout");
        String left = chats.createChat(project, "Left");
        String right = chats.createChat(project, "Right");
        String view = createView("Resizable", "horizontal", "independent", List.of(left, right));
        showView(view);
        Page page = open("/");
        Locator handle = page.locator("[role=separator]");
        handle.focus();
        handle.press("ArrowRight");
        await("resized").atMost(Duration.ofSeconds(20)).until(() -> List.of(55, 45).equals(
                request().get("/api/views/{id}", view).then().statusCode(200).extract().path("panes.size")));
        double leftWidth = pane(page, 1).boundingBox().width;
        double rightWidth = pane(page, 2).boundingBox().width;
        assertThat(leftWidth / (leftWidth + rightWidth)).isBetween(0.5, 0.6);

        page.setViewportSize(600, 900);
        PlaywrightAssertions.assertThat(page.locator(".pane-grid.layout-stacked")).hasCount(1);
        assertThat(pane(page, 2).boundingBox().y).isGreaterThan(pane(page, 1).boundingBox().y);
        PlaywrightAssertions.assertThat(page.locator("button.sidebar-toggle")).isVisible();
    }

    @Test
    void anExpiredSignInAsksForANewTokenAndKeepsTheDraftAndTheOpenChat() {
        String project = chats.createProject("expiry");
        String chat = chats.createChat(project, "Long session");
        openTab(chat);
        Page page = context.newPage();
        // Long enough to open the chat and write the draft; the test waits out the rest.
        page.navigate(stack.gatewayUrl() + "/#token=" + stack.token("tenant-web", user, Duration.ofSeconds(10)));
        Locator composer = activeChat(page).locator("textarea");
        composer.fill("/words 3\nwritten before the token expired");

        Locator signIn = page.locator(".dialog-backdrop .sign-in");
        PlaywrightAssertions.assertThat(signIn).containsText("Your sign-in expired",
                new LocatorAssertions.ContainsTextOptions().setTimeout(TURN.toMillis()));
        signIn.locator("input[aria-label=Token]").fill(token);
        signIn.locator("button[type=submit]").click();

        PlaywrightAssertions.assertThat(signIn).hasCount(0);
        PlaywrightAssertions.assertThat(composer).hasValue("/words 3\nwritten before the token expired");
        PlaywrightAssertions.assertThat(tab(page, "Long session")).hasAttribute("aria-selected", "true");
        composer.press("Enter");
        PlaywrightAssertions.assertThat(activeChat(page).locator(".turn[data-status=completed] [data-role=answer]"))
                .containsText("written before the token expired", LONG_TEXT);
    }

    @Test
    void aMessageGoesToAnotherModelWithoutChangingTheChats() {
        String chat = chatsInTabs("per message", "Mostly offline").get(0);
        Page page = open("/");
        Locator pane = activeChat(page);
        pane.locator("select[aria-label='Model for this message']").selectOption("stub/alpha");
        pane.locator("textarea").fill("which model?");
        pane.locator("textarea").press("Enter");
        PlaywrightAssertions.assertThat(pane.locator(".turn[data-status=completed] [data-role=answer]"))
                .containsText("Alpha says", LONG_TEXT);
        PlaywrightAssertions.assertThat(pane.locator(".turn .answer-head .model")).hasText("stub/alpha");
        assertThat(request().get("/api/chats/{id}", chat).then().statusCode(200).extract().<String>path("model"))
                .isEqualTo("offline");
    }

    @Test
    void tabsReorderByDragAndABadChatFileIsRefusedWithItsReason() {
        chatsInTabs("drag", "Tab one", "Tab two", "Tab three");
        Page page = open("/");
        // Dragging while the tab bar still renders can pick up or drop on a tab that is moving under the pointer.
        PlaywrightAssertions.assertThat(page.locator("[role=tab]")).hasCount(3);
        PlaywrightAssertions.assertThat(tab(page, "Tab three")).hasAttribute("aria-selected", "true");
        PlaywrightAssertions.assertThat(activeChat(page).locator("h2")).hasText("Tab three");
        tab(page, "Tab three").dragTo(tab(page, "Tab one"));
        PlaywrightAssertions.assertThat(page.locator("[role=tab]").first()).containsText("Tab three");
        await("moved on the server").atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> open = request().get("/api/ui-state").then().statusCode(200).extract().path("openTabs");
            return request().get("/api/chats/{id}", open.get(0)).then().extract().<String>path("title")
                    .equals("Tab three");
        });

        int chatsBefore = page.locator(".chat-row").count();
        page.locator(".import input[type=file]").setInputFiles(new FilePayload("broken.json", "application/json",
                "{\"format\":\"switchboard-chat\",\"version\":1,\"messages\":[{}]}".getBytes()));
        PlaywrightAssertions.assertThat(page.locator(".notice[role=alert]")).containsText("Invalid chat file");
        assertThat(page.locator(".chat-row").count()).isEqualTo(chatsBefore);
    }

    // ---- helpers

    /** axe-core's violations of impact serious or critical, as "rule: target" lines. */
    @SuppressWarnings("unchecked")
    private static List<String> seriousViolations(Page page, String axe) {
        page.evaluate(axe);
        Object found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        return (List<String>) found;
    }

    private Page open(String path) {
        Page page = context.newPage();
        page.navigate(stack.gatewayUrl() + path + "#token=" + token);
        page.locator("nav[aria-label=Chats]").waitFor();
        return page;
    }

    private static Locator pane(Page page, int number) {
        return page.locator("section.pane[aria-label='Pane " + number + "']");
    }

    /** The chat of the active tab (the other recent tabs stay mounted, hidden). */
    private static Locator activeChat(Page page) {
        return page.locator(".tab-panel:not([hidden]) section.pane");
    }

    private static Locator tab(Page page, String title) {
        return page.locator("[role=tab]", new Page.LocatorOptions().setHasText(title));
    }

    private static String answerText(Locator pane) {
        return pane.locator(".turn[data-status=completed] [data-role=answer]").last().innerText();
    }

    /** The last answer session-service stored for the chat, or null before it is stored. */
    private String storedAnswer(String chatId) {
        JsonNode history = chats.history(chatId);
        String answer = null;
        for (JsonNode message : history) {
            if ("assistant".equals(message.path("role").asText())) {
                answer = message.path("content").asText();
            }
        }
        return answer;
    }

    private static String normalised(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").strip();
    }

    private String createView(String name, String layout, String syncMode, List<String> chatIds) {
        return request().body(Map.of("name", name, "layout", layout, "syncMode", syncMode,
                        "panes", chatIds.stream().map(id -> Map.of("chatId", id)).toList()))
                .post("/api/views").then().statusCode(201).extract().path("id");
    }

    private void showView(String viewId) {
        request().body(Map.of("viewId", viewId)).put("/api/ui-state/last-view").then().statusCode(200);
    }

    /** A project with a chat of each title, each open in a tab (the last one active); the chats' ids. */
    private List<String> chatsInTabs(String projectName, String... titles) {
        String project = chats.createProject(projectName);
        List<String> ids = new ArrayList<>();
        for (String title : titles) {
            String chat = chats.createChat(project, title);
            openTab(chat);
            ids.add(chat);
        }
        return ids;
    }

    private void openTab(String chatId) {
        request().body(Map.of("chatId", chatId)).post("/api/ui-state/tabs").then().statusCode(200);
    }

    private RequestSpecification request() {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    }

    @Test
    void aChatOfTenThousandMessagesKeepsABoundedDomWhileItsHistoryIsScrolledThrough() {
        int turns = 5_000;
        int bound = 150;
        String project = chats.createProject("long history");
        String chat = request().body(chatFile("Ten thousand messages", turns))
                .post("/api/projects/{projectId}/chats/import", project).then().statusCode(201).extract().path("id");
        openTab(chats.createChat(project, "Another tab"));
        openTab(chat);
        Page page = open("/");
        Locator pane = activeChat(page);
        Locator log = pane.locator(".messages");
        Locator list = pane.locator(".turn-list");
        Locator newest = pane.locator(".turn").last();
        PlaywrightAssertions.assertThat(newest.locator(".question-text")).hasText("question " + turns);
        PlaywrightAssertions.assertThat(newest.locator("[data-role=answer]")).isInViewport();
        // the newest page is 200 messages, 100 turns; already not all of them are rendered
        PlaywrightAssertions.assertThat(list).hasAttribute("data-turn-count", "100");
        RenderedTurns first = renderedTurns(log, turns);
        assertThat(first.questions()).hasSizeLessThan(100).endsWith(turns);
        assertContiguous(first.questions());
        screenshot(page, "long-chat.png");

        for (int loaded = 100; loaded < 1_000; loaded += 100) {
            int oldest = turns - loaded + 1;
            // at the top the pane reads the page before on its own, and keeps the turn that was the oldest in place
            log.evaluate("log => { log.scrollTop = 0; }");
            PlaywrightAssertions.assertThat(list).hasAttribute("data-turn-count", String.valueOf(loaded + 100));
            RenderedTurns seen = renderedTurns(log, oldest);
            assertThat(seen.questions()).hasSizeLessThanOrEqualTo(bound).contains(oldest - 1, oldest);
            assertContiguous(seen.questions());
            assertThat(seen.turnTop()).isCloseTo(seen.listOffset(), within(2.0));
        }
        // ten pages read, and the oldest turn before the last one came is what the reader sees
        int reached = turns - 900 + 1;
        PlaywrightAssertions.assertThat(pane.locator(".turn", new Locator.LocatorOptions().setHas(
                page.getByText("question " + reached, new Page.GetByTextOptions().setExact(true))))).isInViewport();
        screenshot(page, "long-chat-earlier.png");

        // hidden behind another tab and shown again, the pane is where the reader left it
        page.keyboard().press("Control+1");
        PlaywrightAssertions.assertThat(tab(page, "Another tab")).hasAttribute("aria-selected", "true");
        page.keyboard().press("Control+2");
        PlaywrightAssertions.assertThat(tab(page, "Ten thousand messages")).hasAttribute("aria-selected", "true");
        await("the place kept").atMost(Duration.ofSeconds(20)).pollInSameThread().untilAsserted(() -> {
            RenderedTurns back = renderedTurns(log, reached);
            assertThat(back.loaded()).isEqualTo(1_000);
            assertThat(back.turnTop()).isCloseTo(back.listOffset(), within(2.0));
        });

        log.evaluate("log => { log.scrollTop = log.scrollHeight; }");
        PlaywrightAssertions.assertThat(newest.locator(".question-text")).hasText("question " + turns);
        PlaywrightAssertions.assertThat(newest.locator("[data-role=answer]")).isInViewport();
        RenderedTurns last = renderedTurns(log, turns);
        assertThat(last.loaded()).isEqualTo(1_000);
        assertThat(last.questions()).hasSizeLessThanOrEqualTo(bound).endsWith(turns);
        assertContiguous(last.questions());
    }

    /** A chat file of short questions and answers (every seventh answer a few paragraphs, so heights differ). */
    private static Map<String, Object> chatFile(String title, int turns) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int turn = 1; turn <= turns; turn++) {
            String answer = turn % 7 == 0 ? "answer " + turn + "\n\nwith a second paragraph\n\n- and\n- a list"
                    : "answer " + turn;
            messages.add(Map.of("turn", turn, "role", "user", "status", "complete", "content", "question " + turn,
                    "createdAt", start.plusSeconds(2L * turn).toString()));
            messages.add(Map.of("turn", turn, "role", "assistant", "status", "complete", "content", answer,
                    "createdAt", start.plusSeconds(2L * turn + 1).toString()));
        }
        return Map.of("format", "switchboard-chat", "version", 1,
                "chat", Map.of("title", title, "model", "offline"), "messages", messages);
    }

    /** What a pane holds and renders: turns loaded, the numbers of the questions rendered, where one turn sits. */
    private record RenderedTurns(int loaded, List<Integer> questions, double listOffset, double turnTop) {
    }

    /** `turnTop` is the top of the turn of that question below the top of the pane's log (NaN when not rendered). */
    @SuppressWarnings("unchecked")
    private static RenderedTurns renderedTurns(Locator log, int question) {
        Map<String, Object> seen = (Map<String, Object>) log.evaluate("""
                (log, question) => {
                    const list = log.querySelector('.turn-list');
                    const texts = [...list.querySelectorAll('.turn .question-text')];
                    const text = texts.find((q) => q.textContent === 'question ' + question);
                    return {
                        loaded: Number(list.dataset.turnCount),
                        questions: texts.map((q) => Number(q.textContent.slice('question '.length))),
                        listOffset: list.offsetTop,
                        turnTop: text ? text.closest('.turn').getBoundingClientRect().top
                            - log.getBoundingClientRect().top : 'NaN',
                    };
                }""", question);
        return new RenderedTurns(((Number) seen.get("loaded")).intValue(),
                ((List<Number>) seen.get("questions")).stream().map(Number::intValue).toList(),
                ((Number) seen.get("listOffset")).doubleValue(),
                seen.get("turnTop") instanceof Number top ? top.doubleValue() : Double.NaN);
    }

    /** Rendered turns are one run of the history, in order, with nothing missing in between. */
    private static void assertContiguous(List<Integer> questions) {
        for (int i = 1; i < questions.size(); i++) {
            assertThat(questions.get(i)).as("the turn after question %d", questions.get(i - 1))
                    .isEqualTo(questions.get(i - 1) + 1);
        }
    }
}
