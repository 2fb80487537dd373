package io.switchboard.workspace;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A git server speaking git's "smart" HTTP protocol, as GitHub does: every request is handed to the git command
 * line's own CGI program, {@code git http-backend}, so clients fetch and push packs exactly as to a real host, and
 * server-side hooks run. It takes HTTP basic authentication by access token, with any user name, as GitHub does,
 * and records every Authorization header it was sent, so a test can tell where a token went.
 */
final class SmartGitServer implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final HttpServer server;
    private final ExecutorService requests = Executors.newFixedThreadPool(4, daemons("smart-git-request"));
    // A request's body and the backend's stderr are copied on threads of their own: a backend blocked writing one
    // pipe must never wait for us to read another.
    private final ExecutorService pumps = Executors.newCachedThreadPool(daemons("smart-git-pump"));
    private final Path root;
    private final String token;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String lastError = "";

    private SmartGitServer(Path root, String token) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        // Clients keep a connection open while they send the next request on another: one thread would not do.
        server.setExecutor(requests);
        server.start();
    }

    /** Serves the repositories under {@code root}, fetch and push, to clients that send {@code token}. */
    static SmartGitServer start(Path root, String token) {
        try {
            return new SmartGitServer(root, token);
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

    /** What {@code git http-backend} last wrote to stderr, to tell why a request failed. */
    String lastError() {
        return lastError;
    }

    /** Makes the bare repository refuse pushes that update {@code branch}, with GitHub's reason. */
    void protect(Path bare, String branch) {
        String ref = "refs/heads/" + branch;
        String hook = """
                #!/bin/sh
                while read old new ref; do
                    if [ "$ref" = '%s' ]; then
                        echo "error: GH006: Protected branch update failed for %s." >&2
                        echo "error: protected branch hook declined" >&2
                        exit 1
                    fi
                done
                exit 0
                """.formatted(ref, ref);
        try {
            Path hooks = Files.createDirectories(bare.resolve("hooks"));
            Path preReceive = hooks.resolve("pre-receive");
            Files.writeString(preReceive, hook);
            Files.setPosixFilePermissions(preReceive, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            String user = user(authorization);
            if (user == null) {
                // Without the challenge JGit's and git's credential providers never try again with credentials.
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Process process = backend(exchange, user).start();
            pumps.execute(() -> feed(exchange.getRequestBody(), process.getOutputStream()));
            Future<byte[]> errors = pumps.submit(() -> process.getErrorStream().readAllBytes());
            try {
                respond(exchange, new BufferedInputStream(process.getInputStream()));
                process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // Ends the backend only if the client went away mid-response or it hangs.
                process.destroyForcibly();
                remember(errors);
            }
        }
    }

    /** The user name of credentials that carry the token, or null. */
    private String user(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0 || !credentials.substring(colon + 1).equals(token)) {
            return null;
        }
        // http-backend only enables receive-pack for a non-empty REMOTE_USER.
        return colon == 0 ? "token" : credentials.substring(0, colon);
    }

    private ProcessBuilder backend(HttpExchange exchange, String user) {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Headers headers = exchange.getRequestHeaders();
        Map<String, String> environment = builder.environment();
        environment.put("GIT_PROJECT_ROOT", root.toString());
        environment.put("GIT_HTTP_EXPORT_ALL", "1");
        environment.put("PATH_INFO", exchange.getRequestURI().getPath());
        environment.put("REQUEST_METHOD", exchange.getRequestMethod());
        environment.put("QUERY_STRING", Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""));
        environment.put("CONTENT_TYPE", Objects.requireNonNullElse(headers.getFirst("Content-Type"), ""));
        environment.put("REMOTE_USER", user);
        environment.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        // Clients gzip large request bodies, and ask for protocol version 2 in a header.
        String encoding = headers.getFirst("Content-Encoding");
        if (encoding != null) {
            environment.put("HTTP_CONTENT_ENCODING", encoding);
        }
        String protocol = headers.getFirst("Git-Protocol");
        if (protocol != null) {
            environment.put("HTTP_GIT_PROTOCOL", protocol);
        }
        return builder;
    }

    private static void feed(InputStream body, OutputStream stdin) {
        try (stdin) {
            body.transferTo(stdin);
        } catch (IOException e) {
            // The backend ended without reading all of it; its output says why.
        }
    }

    /** Sends the CGI response: header lines up to a blank line, then the body. */
    private static void respond(HttpExchange exchange, InputStream output) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        int status = 200;
        String line;
        while ((line = readLine(output)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, Math.max(colon, 0)).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ", 2)[0]);
            } else if (!name.isEmpty()) {
                headers.add(name, value);
            }
        }
        if (line == null) {
            // The backend died before its headers ended: lastError tells why.
            headers.clear();
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            output.transferTo(body);
        }
    }

    /** A line without its end, or null at the end of the stream. */
    private static String readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = input.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private void remember(Future<byte[]> errors) {
        try {
            String text = new String(errors.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                lastError = text;
            }
        } catch (ExecutionException | TimeoutException e) {
            lastError = "stderr of git http-backend unreadable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        pumps.shutdownNow();
    }
}
