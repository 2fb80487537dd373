package io.switchboard.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A git server speaking git's "dumb" HTTP protocol (plain files of bare repositories), with HTTP basic
 * authentication by access token as GitHub takes it: JGit's client talks to it exactly as to any git host. It
 * records every Authorization header it was sent, so a test can tell where a token went.
 */
final class DumbGitServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final String token;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private DumbGitServer(Path root, String token) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Serves the repositories under {@code root} to clients that send {@code token}. */
    static DumbGitServer start(Path root, String token) {
        try {
            return new DumbGitServer(root, token);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL of a bare repository under the root. */
    String url(Path bare) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/"
                + root.relativize(bare.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + token)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
