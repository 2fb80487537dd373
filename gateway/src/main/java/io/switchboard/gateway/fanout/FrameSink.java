package io.switchboard.gateway.fanout;

/** Where a subscription's frames go: a WebSocket connection in production. */
public interface FrameSink {

    void send(String frame);
}
