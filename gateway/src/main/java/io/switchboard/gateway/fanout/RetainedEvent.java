package io.switchboard.gateway.fanout;

/** An event kept for replay, with its frame rendered once for every subscriber. */
record RetainedEvent(long seq, String frame) {
}
