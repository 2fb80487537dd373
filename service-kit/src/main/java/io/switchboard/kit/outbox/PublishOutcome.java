package io.switchboard.kit.outbox;

/** What one relay pass did with one claimed entry; an entry behind a failure in its key gets none and waits. */
record PublishOutcome(OutboxEntry entry, Kind kind, String error) {

    enum Kind {
        PUBLISHED,
        FAILED,
        SET_ASIDE
    }

    static PublishOutcome published(OutboxEntry entry) {
        return new PublishOutcome(entry, Kind.PUBLISHED, null);
    }

    static PublishOutcome failed(OutboxEntry entry, String error) {
        return new PublishOutcome(entry, Kind.FAILED, error);
    }

    static PublishOutcome setAside(OutboxEntry entry, String error) {
        return new PublishOutcome(entry, Kind.SET_ASIDE, error);
    }
}
