package io.switchboard.events.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When a message sent to a busy chat runs. */
public enum Delivery {

    /** After every turn already queued in the chat: the default. */
    @JsonProperty("queue")
    QUEUE,

    /** Next: the running turn is stopped and this one runs before the rest of the queue ("send now"). */
    @JsonProperty("now")
    NOW
}
