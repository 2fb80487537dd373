package io.switchboard.gateway.fanout;

/**
 * A subscribe under way ({@link ChatFanout#hold}): while it is held, no record of the chat is passed over and its
 * feed stays. Released once the subscription is made or has failed; releasing twice is harmless.
 */
public final class SubscribeHold {

    private final ChatFeed feed;
    private final PassedOverChats.Gap gap;
    private boolean released;

    SubscribeHold(ChatFeed feed, PassedOverChats.Gap gap) {
        this.feed = feed;
        this.gap = gap;
    }

    /** Where the chat's passed-over records begin, or null when none were passed over. */
    public PassedOverChats.Gap gap() {
        return gap;
    }

    public void release() {
        synchronized (feed) {
            if (!released) {
                released = true;
                feed.release();
            }
        }
    }

    ChatFeed feed() {
        return feed;
    }
}
