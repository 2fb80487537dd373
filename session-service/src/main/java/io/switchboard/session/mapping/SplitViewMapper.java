package io.switchboard.session.mapping;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.session.api.ClientStateBody;
import io.switchboard.session.api.PaneBody;
import io.switchboard.session.api.SplitViewBody;
import io.switchboard.session.api.UiStateBody;
import io.switchboard.session.model.SplitView;
import io.switchboard.session.model.ViewPane;
import io.switchboard.session.service.ClientStateSnapshot;
import io.switchboard.session.service.UiStateSnapshot;
import io.switchboard.session.service.ViewWithPanes;

/** Views, UI state and client state to the bodies the API returns. */
public final class SplitViewMapper {

    private SplitViewMapper() {
    }

    public static SplitViewBody toBody(ViewWithPanes loaded) {
        List<ViewPane> panes = loaded.panes();
        List<PaneBody> bodies = new ArrayList<>(panes.size());
        for (int i = 0; i < panes.size(); i++) {
            ViewPane pane = panes.get(i);
            // Listed in position order; the index is the place in that list, whatever the stored position.
            bodies.add(new PaneBody(i, pane.chatId, pane.model, pane.size));
        }
        SplitView view = loaded.view();
        return new SplitViewBody(view.id, view.name, view.layout, view.syncMode, view.maxPanes, view.version,
                bodies, view.createdAt, view.updatedAt);
    }

    public static UiStateBody toBody(UiStateSnapshot snapshot) {
        return new UiStateBody(snapshot.state().version, snapshot.tabs().open(), snapshot.tabs().active(),
                snapshot.tabs().closed().stream()
                        .map(tab -> new UiStateBody.ClosedTab(tab.chatId(), tab.closedAt())).toList(),
                snapshot.state().lastViewId, snapshot.state().updatedAt);
    }

    public static ClientStateBody toBody(ClientStateSnapshot snapshot) {
        return new ClientStateBody(snapshot.chatId(), snapshot.version(), snapshot.document(), snapshot.updatedAt());
    }
}
