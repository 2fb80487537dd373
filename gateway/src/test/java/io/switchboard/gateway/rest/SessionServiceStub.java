package io.switchboard.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for session-service, which does not run in the gateway's test JVM, so that the view and UI-state
 * routes can be followed all the way through. Every request is answered with an echo of what arrived (method,
 * path, If-Match, Authorization, body) plus a fresh {@code id}; {@code GET /_stub/last} repeats the last echo.
 * If-Match {@code 409} gets a stale-version problem and {@code 500} a bare 500. A view stored with
 * {@code PUT /_stub/views/{id}} is what {@code GET /views/{id}} answers.
 */
public class SessionServiceStub implements QuarkusTestResourceLifecycleManager {

    private static final String STUB_VIEWS = "/_stub/views/";

    private final Map<String, String> views = new ConcurrentHashMap<>();
    private volatile String last = "null";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return Map.of("quarkus.rest-client.session-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (path.startsWith(STUB_VIEWS) && "PUT".equals(method)) {
            views.put(path.substring(STUB_VIEWS.length()), body);
            respond(exchange, 204, null, null);
            return;
        }
        if ("/_stub/last".equals(path)) {
            respond(exchange, 200, "application/json", last);
            return;
        }
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        String echo = "{\"id\":\"" + UUID.randomUUID() + "\",\"method\":" + quote(method) + ",\"path\":" + quote(path)
                + ",\"ifMatch\":" + quote(ifMatch) + ",\"authorization\":"
                + quote(exchange.getRequestHeaders().getFirst("Authorization")) + ",\"body\":"
                + (body.isBlank() ? "null" : body) + "}";
        last = echo;
        if ("409".equals(ifMatch)) {
            respond(exchange, 409, "application/problem+json", "{\"type\":\"urn:switchboard:problem:stale-version\","
                    + "\"title\":\"Stale version\",\"status\":409,\"detail\":\"The view is at version 7, not 409\"}");
        } else if ("500".equals(ifMatch)) {
            respond(exchange, 500, "text/plain", "java.lang.IllegalStateException at 10.0.0.7");
        } else if ("GET".equals(method) && path.startsWith("/views/") && views.containsKey(path.substring(7))) {
            respond(exchange, 200, "application/json", views.get(path.substring(7)));
        } else if ("DELETE".equals(method) && path.matches("/views/[^/]+")) {
            respond(exchange, 204, null, null);
        } else {
            respond(exchange, 200, "application/json", echo);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
