package io.switchboard.chat.tools;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ToolSpec;
import io.switchboard.workspace.api.CommitRequest;
import io.switchboard.workspace.api.WriteFileRequest;

/**
 * The agent's tools in its chat's working directory: what the model is offered ({@link #specs()}),
 * running the calls it makes ({@link #execute}), and the commit that closes a turn
 * ({@link #commitTurn}). Every call goes to git-workspace-service for the chat and its tenant, with
 * chat-service's own short-lived service token.
 */
@ApplicationScoped
public class AgentToolbox {

    private static final Duration READ_RETRY_DELAY = Duration.ofMillis(200);
    private static final int READ_RETRIES = 2;

    private static final List<ToolSpec> SPECS = ToolCatalog.ALL.stream().map(ToolDefinition::spec).toList();

    private final WorkspaceClient workspace;
    private final ToolsConfig config;
    private final TenantBreakers breakers;

    public AgentToolbox(@RestClient WorkspaceClient workspace, ToolsConfig config, TenantBreakers breakers) {
        this.workspace = workspace;
        this.config = config;
        this.breakers = breakers;
    }

    /** The tools offered to the model, each with a JSON Schema of its arguments. */
    public List<ToolSpec> specs() {
        return SPECS;
    }

    /** Whether a tool of this name is offered: names a model makes up are not. */
    public static boolean offers(String tool) {
        return ToolCatalog.find(tool).isPresent();
    }

    /**
     * Runs one tool call. Never fails: bad arguments, an unknown tool, a refused request and an
     * unreachable service all become an error outcome whose text tells the model what happened.
     * The text is cut at {@code switchboard.tools.max-result-chars}.
     */
    public Uni<ToolOutcome> execute(String tenantId, String chatId, UUID turnId, ModelEvent.ToolCall call) {
        long started = System.nanoTime();
        String tool = call == null ? null : call.name();
        return breakers.call(tenantId, () -> run(tenantId, chatId, call))
                .onFailure().recoverWithItem(failure -> ToolOutcome.failure(explain(chatId, tool, failure)))
                .map(outcome -> new ToolOutcome(ToolResultText.truncate(outcome.text(), config.maxResultChars()),
                        outcome.error()))
                .invoke(outcome -> Log.infof("chatId=%s turn %s tool %s (call %s) %s in %d ms", chatId, turnId, tool,
                        call == null ? null : call.id(), outcome.error() ? "failed" : "succeeded",
                        (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * Commits everything the turn changed in the chat's working directory, on the chat's branch, and
     * answers the commit id; empty when there was nothing to commit. Never fails: a commit that could
     * not be made is logged and answers empty, and the changes stay in the working directory for the
     * next turn's commit.
     */
    public Uni<Optional<String>> commitTurn(String tenantId, String chatId, UUID turnId, String message) {
        return breakers.call(tenantId, () -> {
                    requireServiceIdentity();
                    return workspace.commit(tenantId, chatId, new CommitRequest(message, turnId));
                })
                .map(result -> {
                    if (!result.committed()) {
                        Log.infof("chatId=%s turn %s: nothing to commit", chatId, turnId);
                        return Optional.<String>empty();
                    }
                    Log.infof("chatId=%s turn %s committed %s on %s (%d files)", chatId, turnId, result.commit(),
                            result.branch(), result.files());
                    return Optional.of(result.commit());
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("chatId=%s turn %s: the turn's changes were not committed: %s", chatId, turnId,
                            explain(chatId, "commit", failure));
                    return Optional.empty();
                });
    }

    private Uni<ToolOutcome> run(String tenantId, String chatId, ModelEvent.ToolCall call) {
        if (call == null || call.name() == null || call.name().isBlank()) {
            throw new ToolArgumentException("The tool call names no tool; the tools are " + ToolCatalog.names());
        }
        ToolDefinition tool = ToolCatalog.find(call.name()).orElseThrow(() -> new ToolArgumentException(
                "There is no tool '" + call.name() + "'; the tools are " + ToolCatalog.names()));
        ToolArguments arguments = ToolArguments.parse(tool, call.argumentsJson());
        requireServiceIdentity();
        Uni<String> text = switch (tool.name()) {
            case ToolCatalog.LIST_FILES -> retried(workspace.list(tenantId, chatId, arguments.string("path"),
                    arguments.flag("recursive"), arguments.integer("limit"))).map(ToolResultText::listing);
            case ToolCatalog.READ_FILE -> retried(workspace.read(tenantId, chatId, arguments.string("path"),
                    arguments.integer("from_line"), arguments.integer("max_lines"))).map(ToolResultText::file);
            case ToolCatalog.WRITE_FILE -> workspace.write(tenantId, chatId,
                    new WriteFileRequest(arguments.string("path"), arguments.string("content")))
                    .map(ToolResultText::written);
            case ToolCatalog.SEARCH -> retried(workspace.search(tenantId, chatId, arguments.string("query"),
                    arguments.flag("regex"), arguments.flag("ignore_case"), arguments.string("glob"),
                    arguments.string("path"), arguments.integer("max_results"))).map(ToolResultText::search);
            case ToolCatalog.SHOW_DIFF -> retried(workspace.diff(tenantId, chatId,
                    arguments.flag("against_default_branch"))).map(ToolResultText::diff);
            default -> throw new IllegalStateException("No handler for tool " + tool.name());
        };
        return text.map(ToolOutcome::success);
    }

    private void requireServiceIdentity() {
        if (!config.enabled()) {
            throw new ToolsNotConfigured();
        }
    }

    /** A read is asked again after a failure of the service; a refusal (4xx) would only be refused again. */
    private static <T> Uni<T> retried(Uni<T> read) {
        return read.onFailure(failure -> !(failure instanceof WorkspaceRejection)).retry()
                .withBackOff(READ_RETRY_DELAY).withJitter(0.5).atMost(READ_RETRIES);
    }

    /** What the model, and the log, are told about a call that did not work. */
    private static String explain(String chatId, String tool, Throwable thrown) {
        Throwable failure = thrown;
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        boolean changes = ToolCatalog.WRITE_FILE.equals(tool) || "commit".equals(tool);
        String uncertain = changes ? " It may or may not have taken effect; check before repeating it." : "";
        if (failure instanceof ToolArgumentException wrong) {
            return wrong.getMessage();
        }
        if (failure instanceof WorkspaceRejection rejected) {
            return tool + " was refused: " + rejected.getMessage();
        }
        if (failure instanceof ToolsNotConfigured) {
            Log.errorf("chatId=%s tool %s: chat-service has no service identity (SWITCHBOARD_SERVICE_CLIENT_ENABLED);"
                    + " workspace tools cannot run", chatId, tool);
            return "The workspace tools are not available on this server; " + tool + " did not run.";
        }
        if (isIdentityFailure(failure)) {
            Log.errorf("chatId=%s tool %s: chat-service could not get its service token: %s", chatId, tool,
                    failure.getMessage());
            return "The workspace tools cannot run right now; " + tool + " did not run. Try again later.";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "The workspace service is failing and is given a short rest; " + tool
                    + " did not run. Try again in a few seconds.";
        }
        if (failure instanceof TimeoutException) {
            return "The workspace service did not answer in time." + uncertain;
        }
        if (failure instanceof WorkspaceUnavailable || failure instanceof ProcessingException) {
            Log.warnf("chatId=%s tool %s: workspace service unavailable: %s", chatId, tool, failure.getMessage());
            return "The workspace service could not be reached or failed." + uncertain;
        }
        Log.errorf(failure, "chatId=%s tool %s failed unexpectedly", chatId, tool);
        return tool + " failed unexpectedly; the server log has the details.";
    }

    /**
     * The token provider refused or could not be reached: nothing reached git-workspace-service, so this says
     * nothing about its health.
     */
    static boolean isIdentityFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OidcClientException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** chat-service has no service identity, so git-workspace-service would refuse every call. */
    static final class ToolsNotConfigured extends RuntimeException {

        ToolsNotConfigured() {
            super("chat-service has no service identity", null, false, false);
        }
    }
}
