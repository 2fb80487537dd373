package io.switchboard.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for session-service's chat-file routes, so the gateway's proxy of them is seen end to end in the
 * gateway's own JVM: it records what arrives and answers as session-service does.
 */
public class StubSessionService implements QuarkusTestResourceLifecycleManager {

    static final UUID KNOWN_CHAT = UUID.randomUUID();
    static final UUID IMPORTED_CHAT = UUID.randomUUID();
    static final String FILE = "{\"format\":\"switchboard-chat\",\"version\":1,\"chat\":{\"title\":\"Ünïcödé 🚀\","
            + "\"model\":\"offline\"},\"messages\":[]}";
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    /** One request as it reached the stub. */
    record Received(String method, String path, String authorization, byte[] body) {
    }

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        return Map.of("quarkus.rest-client.session-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        RECEIVED.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (path.equals("/chats/" + KNOWN_CHAT + "/export")) {
            exchange.getResponseHeaders().add("Content-Disposition",
                    "attachment; filename=\"chat-" + KNOWN_CHAT + ".json\"");
            send(exchange, 200, "application/json", FILE);
        } else if (path.endsWith("/chats/import") && new String(body, StandardCharsets.UTF_8).contains("\"version\":2")) {
            send(exchange, 400, "application/problem+json", "{\"type\":\"urn:switchboard:problem:invalid-chat-file\","
                    + "\"title\":\"Invalid chat file\",\"status\":400,\"detail\":\"The chat file cannot be imported: "
                    + "version 2 is not a version this service reads (it reads 1)\",\"violations\":[{\"field\":"
                    + "\"version\",\"message\":\"2 is not a version this service reads (it reads 1)\"}]}");
        } else if (path.endsWith("/chats/import")) {
            exchange.getResponseHeaders().add("Location", "/chats/" + IMPORTED_CHAT);
            send(exchange, 201, "application/json", "{\"id\":\"" + IMPORTED_CHAT + "\",\"title\":\"Ünïcödé 🚀\"}");
        } else {
            send(exchange, 404, "application/problem+json", "{\"type\":\"urn:switchboard:problem:not-found\","
                    + "\"title\":\"Not found\",\"status\":404,\"detail\":\"Chat does not exist\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
