package io.switchboard.workspace.git;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Names a chat's branch {@code <prefix><slug-of-title>-<short-id>}: readable in {@code git branch}, and unique
 * through the start of the chat's id. The name is fixed when the branch is cut, so renaming the chat later leaves
 * it alone. Titles are untrusted: only ASCII letters, digits and single dashes survive, so no title can make a ref
 * git refuses, walk up with {@code ..}, or look like an option.
 */
@ApplicationScoped
public class BranchNames {

    /** The longest slug kept, so branch names stay short enough to read. */
    static final int MAX_SLUG_LENGTH = 40;
    /**
     * Hex digits of the chat id kept: 48 random bits, so two chats of one project with the same title do not
     * meet; a name that did would have the second chat reuse the first one's branch.
     */
    static final int SHORT_ID_LENGTH = 12;
    static final String UNTITLED = "chat";

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

    private final String prefix;

    public BranchNames(WorkspaceConfig config) {
        this.prefix = config.branchPrefix();
    }

    /** The branch a chat gets; the same for the same chat and title, so a redelivered event finds its branch. */
    public String forChat(String chatId, String title) {
        return name(prefix, chatId, title);
    }

    static String name(String prefix, String chatId, String title) {
        String branch = prefix + slug(title) + "-" + shortId(chatId);
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new GitFailure("'" + branch + "' is not a valid branch name;"
                    + " check switchboard.workspace.branch-prefix");
        }
        return branch;
    }

    /** Lower-case ASCII words of the title joined by dashes; {@value #UNTITLED} when none is left. */
    static String slug(String title) {
        if (title == null) {
            return UNTITLED;
        }
        // Decomposing first keeps "Café" as "cafe" rather than "caf".
        String letters = COMBINING_MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NOT_SLUG.matcher(letters.toLowerCase(Locale.ROOT)).replaceAll("-");
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = slug.substring(0, MAX_SLUG_LENGTH);
        }
        slug = trimDashes(slug);
        return slug.isEmpty() ? UNTITLED : slug;
    }

    private static String shortId(String chatId) {
        String hex = chatId.replace("-", "");
        return hex.substring(0, Math.min(SHORT_ID_LENGTH, hex.length()));
    }

    private static String trimDashes(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }
}
