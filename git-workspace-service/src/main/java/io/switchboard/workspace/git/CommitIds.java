package io.switchboard.workspace.git;

import java.util.regex.Pattern;

import org.eclipse.jgit.lib.ObjectId;

import io.switchboard.kit.problem.ProblemException;

/** Commit ids from requests: full 40-character hexadecimal SHA-1 names only, never revision expressions. */
final class CommitIds {

    private static final Pattern FULL_ID = Pattern.compile("[0-9a-fA-F]{40}");

    private CommitIds() {
    }

    static ObjectId parse(String field, String text) {
        if (text == null || !FULL_ID.matcher(text).matches()) {
            throw ProblemException.badRequest(field + " must be a full commit id (40 hexadecimal characters)");
        }
        return ObjectId.fromString(text);
    }
}
