package io.switchboard.bench;

/** The roles chats play in the orchestration benchmark; figures are kept per role. */
enum ChatGroup {

    /** The many chats streaming at once. */
    STREAMING("streaming"),
    /** The chat whose turn never answers until it is stopped. */
    STALLED("stalled"),
    /** Fast chats on the stalled chat's partition. */
    SAME_PARTITION("same partition as the stalled chat"),
    /** Fast chats on every other partition. */
    OTHER_PARTITIONS("other partitions");

    private final String label;

    ChatGroup(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
