package io.switchboard.session.api;

/** What the requests accept, shared by their records: model names, view layouts and sync modes, view names. */
public final class FieldRules {

    public static final String MODEL = "[A-Za-z0-9._:/-]+";
    public static final String LAYOUT = "horizontal|vertical|grid";
    public static final String LAYOUT_RULE = "must be horizontal, vertical or grid";
    public static final String SYNC_MODE = "independent|broadcast";
    public static final String SYNC_MODE_RULE = "must be independent or broadcast";
    public static final int MAX_NAME = 100;
    /**
     * A git branch name: letters, digits, '.', '_', '-' and '/', no "..", "//" or "@{", not starting with '-', '.'
     * or '/', not ending with '/', '.' or ".lock". git-workspace-service checks the rest.
     */
    public static final String BRANCH = "(?!.*\\.\\.)(?!.*//)(?!.*@\\{)(?![-./])[A-Za-z0-9._/@-]+(?<![/.])(?<!\\.lock)";
    public static final String BRANCH_RULE = "must be a git branch name";
    public static final int MAX_BRANCH = 255;

    private FieldRules() {
    }
}
