package io.switchboard.gateway.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.gateway.fanout.Subscription;
import io.switchboard.kit.security.Caller;

/** What the gateway knows about one open WebSocket: who opened it and which chats it follows. */
final class ConnectionSession {

    private final Caller caller;
    private final String bearer;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    ConnectionSession(Caller caller, String bearer) {
        this.caller = caller;
        this.bearer = bearer;
    }

    Caller caller() {
        return caller;
    }

    String bearer() {
        return bearer;
    }

    Map<String, Subscription> subscriptions() {
        return subscriptions;
    }
}
