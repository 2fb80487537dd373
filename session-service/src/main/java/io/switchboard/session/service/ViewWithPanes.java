package io.switchboard.session.service;

import java.util.List;

import io.switchboard.session.model.SplitView;
import io.switchboard.session.model.ViewPane;

/** A view and its panes in order. */
public record ViewWithPanes(SplitView view, List<ViewPane> panes) {
}
