package io.switchboard.session.rest;

/** What the view and UI-state requests accept, shared by their records. */
final class ViewRules {

    static final String MODEL = "[A-Za-z0-9._:/-]+";
    static final String LAYOUT = "horizontal|vertical|grid";
    static final String LAYOUT_RULE = "must be horizontal, vertical or grid";
    static final String SYNC_MODE = "independent|broadcast";
    static final String SYNC_MODE_RULE = "must be independent or broadcast";
    static final int MAX_NAME = 100;

    private ViewRules() {
    }
}
