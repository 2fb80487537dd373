package io.switchboard.session.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One pane of a {@link SplitView}: a chat shown with its own model, taking {@code size} percent of the view. */
@Entity
@Table(name = "view_pane")
public class ViewPane {

    @Id
    public UUID id;

    @Column(name = "view_id", nullable = false)
    public UUID viewId;

    @Column(nullable = false)
    public int position;

    @Column(name = "chat_id", nullable = false)
    public UUID chatId;

    @Column(nullable = false)
    public String model;

    @Column(nullable = false)
    public int size;
}
