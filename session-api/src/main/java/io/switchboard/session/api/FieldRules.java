package io.switchboard.session.api;

/** What the requests accept, shared by their records: model names, view layouts and sync modes, view names. */
public final class FieldRules {

    public static final String MODEL = "[A-Za-z0-9._:/-]+";
    public static final String LAYOUT = "horizontal|vertical|grid";
    public static final String LAYOUT_RULE = "must be horizontal, vertical or grid";
    public static final String SYNC_MODE = "independent|broadcast";
    public static final String SYNC_MODE_RULE = "must be independent or broadcast";
    public static final int MAX_NAME = 100;

    private FieldRules() {
    }
}
