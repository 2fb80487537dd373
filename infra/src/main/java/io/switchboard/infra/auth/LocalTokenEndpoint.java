package io.switchboard.infra.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local stand-in for an OAuth2 authorization server's token endpoint, so services get short-lived,
 * audience-bound tokens locally the same way they get them from Keycloak: the client credentials grant
 * (RFC 6749 section 4.4), with the client authenticated by its secret (HTTP Basic or form fields). Each registered
 * client gets tokens for the one audience it is registered with, signed with the local key. It listens on the
 * loopback interface only and serves a discovery document naming its token endpoint.
 */
public final class LocalTokenEndpoint implements AutoCloseable {

    /** Token lifetime unless the launcher says otherwise: short, since the services fetch new ones themselves. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final String TOKEN_PATH = "/token";
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private static final int MAX_BODY_BYTES = 8 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A service allowed to ask for tokens: its id and secret, the audience its tokens name, and their roles. */
    public record Client(String id, String secret, String audience, Set<String> roles) {

        /** A client with a fresh random secret. */
        public static Client withRandomSecret(String id, String audience, Set<String> roles) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            return new Client(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), audience, roles);
        }

        @Override
        public String toString() {
            return "Client[id=" + id + ", audience=" + audience + "]";
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalKeys keys;
    private final String issuer;
    private final Map<String, Client> clients;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicReference<Instant> lastExpiry = new AtomicReference<>(Instant.EPOCH);
    private volatile Duration ttl;

    private LocalTokenEndpoint(HttpServer server, ExecutorService executor, LocalKeys keys, String issuer,
            Map<String, Client> clients, Duration ttl) {
        this.server = server;
        this.executor = executor;
        this.keys = keys;
        this.issuer = issuer;
        this.clients = clients;
        this.ttl = ttl;
    }

    /** Starts the endpoint on a free loopback port; tokens name {@code issuer} as their {@code iss}. */
    public static LocalTokenEndpoint start(LocalKeys keys, String issuer, Duration ttl, List<Client> clients) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "switchboard-token-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            LocalTokenEndpoint endpoint = new LocalTokenEndpoint(server, executor, keys, issuer,
                    clients.stream().collect(Collectors.toUnmodifiableMap(Client::id, Function.identity())), ttl);
            server.createContext("/", endpoint::handle);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local token endpoint", e);
        }
    }

    /** The base URL, for {@code quarkus.oidc-client.auth-server-url}: discovery finds the token endpoint. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return url() + TOKEN_PATH;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Changes the lifetime of the tokens issued from now on (tests use it to see services renew theirs). */
    public void ttl(Duration lifetime) {
        this.ttl = lifetime;
    }

    /** How many tokens were issued since the start. */
    public long issued() {
        return issued.get();
    }

    /** When the token issued last expires ({@link Instant#EPOCH} before the first). */
    public Instant lastExpiry() {
        return lastExpiry.get();
    }

    /** The registered client with this id. */
    public Client client(String id) {
        Client client = clients.get(id);
        if (client == null) {
            throw new IllegalArgumentException("No client " + id);
        }
        return client;
    }

    /** A token for the client, as its grant would get it; empty for an unknown client. */
    public Optional<String> tokenFor(String clientId) {
        return Optional.ofNullable(clients.get(clientId)).map(this::issue);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (DISCOVERY_PATH.equals(path)) {
                if (!"GET".equals(method)) {
                    send(exchange, 405, Map.of("error", "invalid_request", "error_description", "Use GET"));
                    return;
                }
                send(exchange, 200, discovery());
            } else if (TOKEN_PATH.equals(path)) {
                if (!"POST".equals(method)) {
                    send(exchange, 405, Map.of("error", "invalid_request", "error_description", "Use POST"));
                    return;
                }
                token(exchange);
            } else {
                send(exchange, 404, Map.of("error", "not_found"));
            }
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("token_endpoint", tokenUrl());
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return document;
    }

    private void token(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            send(exchange, 400, error("invalid_request", "The body must be application/x-www-form-urlencoded"));
            return;
        }
        byte[] body = readLimited(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 400, error("invalid_request", "The body is too large"));
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        Optional<Client> client = authenticate(exchange.getRequestHeaders().getFirst("Authorization"), form);
        if (client.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"switchboard-local\"");
            send(exchange, 401, error("invalid_client", "Unknown client or wrong secret"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, error("unsupported_grant_type", "Only client_credentials is supported"));
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", issue(client.get()));
        response.put("token_type", "Bearer");
        response.put("expires_in", ttl.toSeconds());
        send(exchange, 200, response);
    }

    private String issue(Client client) {
        Duration lifetime = ttl;
        String token = keys.issueServiceToken(issuer, client.id(), client.audience(), client.roles(), lifetime);
        lastExpiry.set(Instant.now().plus(lifetime));
        issued.incrementAndGet();
        return token;
    }

    /** The client the request authenticates as: HTTP Basic (RFC 6749 section 2.3.1), or the form's fields. */
    private Optional<Client> authenticate(String authorization, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            id = decode(decoded.substring(0, colon));
            secret = decode(decoded.substring(colon + 1));
        }
        if (id == null || secret == null) {
            return Optional.empty();
        }
        Client client = clients.get(id);
        if (client == null || !MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(client);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name != null && value != null) {
                fields.putIfAbsent(name, value);
            }
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
