package io.switchboard.session.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/**
 * Every field is optional: a chat without a title or model gets the configured defaults, and one without
 * {@code fromBranch} or {@code fromPullRequest} (at most one of them) starts from the project's default branch.
 * Lengths are in characters (code points), as the database and the clients count them; the title travels on to
 * every consumer of session.lifecycle, so it must be text none of them refuses.
 */
public record CreateChatRequest(
        @SafeText(max = 200) @Schema(description = "The chat's title, in Unicode code points; \"New chat\" when "
                + "absent", maxLength = 200) String title,
        @SafeText(max = 100) @Pattern(regexp = FieldRules.MODEL, message = "must be a model name")
        @Schema(description = "The chat's model; the configured default when absent", examples = "offline",
                maxLength = 100) String model,
        @Size(max = FieldRules.MAX_BRANCH) @Pattern(regexp = FieldRules.BRANCH, message = FieldRules.BRANCH_RULE)
        @Schema(description = "An existing branch of the project's repository the chat's own branch starts from; "
                + "the project's default branch when absent. A branch the project does not have makes the chat's "
                + "workspace fail (WorkspaceFailed names it)", examples = "feature/login",
                maxLength = FieldRules.MAX_BRANCH) String fromBranch,
        @Positive @Schema(description = "The number of an open pull request on the project's GitHub repository "
                + "whose head the chat's own branch starts from; not together with fromBranch. A pull request that "
                + "is not open, or a project without a GitHub repository, makes the chat's workspace fail "
                + "(WorkspaceFailed says why)", examples = "42") Integer fromPullRequest) {

    public CreateChatRequest(String title, String model) {
        this(title, model, null, null);
    }
}
