package io.switchboard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports for servers that are configured with 0 ("any free port"). */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port that was free a moment ago. Another process may still take it before the
     * server binds it; the window is small enough for local runs and tests.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port", e);
        }
    }

    /** Returns {@code port} unless it is 0, then a free port. */
    public static int orFree(int port) {
        return port == 0 ? pick() : port;
    }
}
