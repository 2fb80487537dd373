package io.switchboard.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A minimal WebSocket client: subscribes to the given chats from their first event and prints every
 * frame it receives, one per line, until the socket closes or Ctrl-C.
 */
final class WatchCommand {

    private WatchCommand() {
    }

    static void run(LauncherEnvironment environment, Path projectRoot, String[] chatIds) throws Exception {
        if (chatIds.length == 0) {
            throw new IllegalArgumentException("watch needs at least one chat id");
        }
        Path dataDir = environment.dataDir(projectRoot);
        String configuredUrl = System.getenv("SWITCHBOARD_WS_URL");
        if (configuredUrl == null) {
            // The default address is this checkout's own gateway: without its stack, nothing would answer there.
            RunningStack.require(dataDir);
        }
        String token = TokenFile.read(dataDir);
        String url = configuredUrl != null ? configuredUrl : "ws://127.0.0.1:"
                + System.getenv().getOrDefault("SWITCHBOARD_GATEWAY_PORT", "8080") + "/ws";
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(url), new PrintingListener(closed))
                    .join();
            for (String chatId : chatIds) {
                socket.sendText("{\"type\":\"subscribe\",\"chatId\":\"" + chatId
                        + "\",\"afterSeq\":0,\"after\":{\"workspace\":0,\"lifecycle\":0}}", true).join();
            }
        } catch (CompletionException e) {
            throw new IllegalStateException("could not follow chats at " + url + ": " + Progress.describe(e));
        }
        closed.join();
    }

    private static final class PrintingListener implements WebSocket.Listener {

        private final CompletableFuture<Void> closed;
        private final StringBuilder partial = new StringBuilder();

        PrintingListener(CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                System.out.println(partial);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            System.err.println("closed: " + statusCode + " " + reason);
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            System.err.println("error: " + error.getMessage());
            closed.complete(null);
        }
    }
}
