package io.switchboard.gateway.client;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.validation.SafeText;

/**
 * The bodies of the view and UI-state requests, as session-service takes them. Checked by the gateway first, like
 * every text a client sends; the rules that need the stored view (sizes, pane count, versions) are
 * session-service's.
 */
public final class ViewRequests {

    public static final int MAX_NAME_LENGTH = 100;
    public static final String LAYOUT = "horizontal|vertical|grid";
    public static final String SYNC_MODE = "independent|broadcast";

    private ViewRequests() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CreateViewRequest")
    public record CreateView(
            @NotBlank @SafeText(max = MAX_NAME_LENGTH)
            @Schema(required = true, maxLength = MAX_NAME_LENGTH) String name,
            @Pattern(regexp = LAYOUT, message = "must be horizontal, vertical or grid")
            @Schema(enumeration = {"horizontal", "vertical", "grid"}, description = "Default horizontal") String layout,
            @Pattern(regexp = SYNC_MODE, message = "must be independent or broadcast")
            @Schema(enumeration = {"independent", "broadcast"}, description = "Default independent") String syncMode,
            @Min(1) @Max(9)
            @Schema(description = "1-9; default switchboard.session.views.default-max-panes (4)") Integer maxPanes,
            @Schema(description = "Initial panes: every one with a size or none (then split equally)")
            List<@NotNull @Valid NewPane> panes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "NewPane")
    public record NewPane(
            @NotNull @Schema(required = true) UUID chatId,
            @SafeText(max = MessageDraft.MAX_MODEL_LENGTH)
            @Pattern(regexp = MessageDraft.MODEL_PATTERN, message = "must be a model name")
            @Schema(description = "Default: the chat's model") String model,
            @Min(10) @Max(100) @Schema(description = "Percent of the view, at least 10") Integer size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UpdateViewRequest", description = "Absent fields stay as they are; at least one is needed")
    public record UpdateView(
            @SafeText(max = MAX_NAME_LENGTH) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String name,
            @Pattern(regexp = LAYOUT, message = "must be horizontal, vertical or grid")
            @Schema(enumeration = {"horizontal", "vertical", "grid"}) String layout,
            @Pattern(regexp = SYNC_MODE, message = "must be independent or broadcast")
            @Schema(enumeration = {"independent", "broadcast"}) String syncMode,
            @Min(1) @Max(9) Integer maxPanes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AddPaneRequest")
    public record AddPane(
            @NotNull @Schema(required = true) UUID chatId,
            @SafeText(max = MessageDraft.MAX_MODEL_LENGTH)
            @Pattern(regexp = MessageDraft.MODEL_PATTERN, message = "must be a model name")
            @Schema(description = "Default: the chat's model") String model,
            @Min(0) @Schema(description = "Index to insert at; default last") Integer position) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UpdatePaneRequest", description = "Another chat (the pane keeps its model) and/or model")
    public record UpdatePane(
            UUID chatId,
            @SafeText(max = MessageDraft.MAX_MODEL_LENGTH)
            @Pattern(regexp = MessageDraft.MODEL_PATTERN, message = "must be a model name") String model) {
    }

    @Schema(name = "MoveRequest")
    public record Move(@NotNull @Min(0) @Schema(required = true, description = "The new index") Integer to) {
    }

    @Schema(name = "ResizePanesRequest")
    public record ResizePanes(
            @NotNull @Schema(required = true, description = "One size per pane in order: each at least 10, sum 100")
            List<@NotNull Integer> sizes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OpenTabRequest")
    public record OpenTab(
            @NotNull @Schema(required = true) UUID chatId,
            @Min(0) @Schema(description = "Index among the open tabs; default last (an open tab stays put)")
            Integer position,
            @Schema(description = "Make it the active tab; default true") Boolean activate) {
    }

    /** Null fields are sent: null means "none". */
    @Schema(name = "ActiveTabRequest")
    public record ActiveTab(@Schema(description = "An open tab's chat, or null for none") UUID chatId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RestoreTabRequest")
    public record RestoreTab(@Schema(description = "Default: the most recently closed tab") UUID chatId) {
    }

    @Schema(name = "LastViewRequest")
    public record LastView(@Schema(description = "One of the caller's views, or null for none") UUID viewId) {
    }
}
