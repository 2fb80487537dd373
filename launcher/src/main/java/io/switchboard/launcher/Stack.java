package io.switchboard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.switchboard.infra.Databases;
import io.switchboard.infra.FreePorts;
import io.switchboard.infra.LocalInfrastructure;
import io.switchboard.infra.auth.LocalTokenEndpoint;
import io.switchboard.infra.postgres.DatabaseRoles;
import io.switchboard.infra.postgres.PostgresServer;

/**
 * The whole product on one machine: real Kafka, real PostgreSQL and the four services, each in its
 * own process. Used by the run command, the end-to-end tests and the benchmark alike.
 */
public final class Stack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** Role that lets a service act for the tenant it names in X-Switchboard-Tenant (git-workspace-service). */
    public static final String SERVICE_ROLE = "switchboard-service";
    /** The OAuth2 client chat-service is, asking for tokens to call git-workspace-service with. */
    public static final String CHAT_CLIENT = "chat-service";
    /** The audience git-workspace-service accepts service tokens for. */
    public static final String WORKSPACE_AUDIENCE = "git-workspace-service";

    private final StackSettings settings;
    private final LocalInfrastructure infra;
    private final LocalTokenEndpoint serviceTokens;
    private final Map<ServiceName, Integer> ports;
    private final Map<ServiceName, ServiceProcess> services;
    private final List<ServiceProcess> extras = new ArrayList<>();

    private Stack(StackSettings settings, LocalInfrastructure infra, LocalTokenEndpoint serviceTokens,
            Map<ServiceName, Integer> ports, Map<ServiceName, ServiceProcess> services) {
        this.settings = settings;
        this.infra = infra;
        this.serviceTokens = serviceTokens;
        this.ports = ports;
        this.services = services;
    }

    /**
     * Told how {@link #start} goes, one server or service at a time, from whichever thread saw it end: for the run
     * command's progress lines.
     */
    public interface StartListener {

        StartListener SILENT = new StartListener() {
        };

        /** Kafka, PostgreSQL or a service instance is ready; {@code took} counts from its own start. */
        default void ready(String component, Duration took) {
        }

        /** It did not start; {@code log} is its own log, which tells why. */
        default void failed(String component, Duration took, RuntimeException failure, Path log) {
        }
    }

    public static Stack start(StackSettings settings) {
        return start(settings, StartListener.SILENT);
    }

    /** Like {@link #start(StackSettings)}, telling the listener as each server and service is ready or fails. */
    public static Stack start(StackSettings settings, StartListener listener) {
        LocalInfrastructure infra = LocalInfrastructure.start(settings.infra(), infraListener(settings, listener));
        Map<ServiceName, ServiceProcess> services = new EnumMap<>(ServiceName.class);
        LocalTokenEndpoint serviceTokens = null;
        try {
            // Fresh client secrets on every start; the tokens they get live minutes (docs/security.md).
            serviceTokens = LocalTokenEndpoint.start(infra.keys(), StackSettings.LOCAL_ISSUER,
                    LocalTokenEndpoint.DEFAULT_TTL, List.of(LocalTokenEndpoint.Client.withRandomSecret(CHAT_CLIENT,
                            WORKSPACE_AUDIENCE, Set.of(SERVICE_ROLE))));
            Map<ServiceName, Integer> ports = new EnumMap<>(ServiceName.class);
            for (ServiceName name : ServiceName.values()) {
                ports.put(name, FreePorts.orFree(settings.servicePorts().getOrDefault(name, 0)));
            }
            Map<ServiceName, Long> started = new EnumMap<>(ServiceName.class);
            for (ServiceName name : ServiceName.values()) {
                started.put(name, System.nanoTime());
                services.put(name, ServiceProcess.start(name, settings.projectRoot(), ports.get(name),
                        managementPort(settings.servicePorts().getOrDefault(name, 0)),
                        configFor(name, settings, infra, serviceTokens, ports),
                        settings.infra().dataDir().resolve("logs")));
            }
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            services.values().forEach(service -> ready.add(CompletableFuture.runAsync(
                    () -> awaitReady(service, started.get(service.name()), listener))));
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            return new Stack(settings, infra, serviceTokens, ports, services);
        } catch (Exception e) {
            services.values().forEach(ServiceProcess::close);
            if (serviceTokens != null) {
                serviceTokens.close();
            }
            infra.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static LocalInfrastructure.StartListener infraListener(StackSettings settings, StartListener listener) {
        return new LocalInfrastructure.StartListener() {
            @Override
            public void ready(LocalInfrastructure.Server server, Duration took) {
                listener.ready(server.displayName(), took);
            }

            @Override
            public void failed(LocalInfrastructure.Server server, Duration took, RuntimeException failure) {
                listener.failed(server.displayName(), took, failure, server.log(settings.infra()));
            }
        };
    }

    private static void awaitReady(ServiceProcess service, long started, StartListener listener) {
        try {
            service.awaitReady(READY_TIMEOUT);
        } catch (RuntimeException e) {
            listener.failed(service.instance(), Duration.ofNanos(System.nanoTime() - started), e, service.log());
            throw e;
        }
        listener.ready(service.instance(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** A configured port's management port is 1000 above it (8080: 9080); a free one when the port is picked. */
    private static int managementPort(int configuredPort) {
        return configuredPort == 0 ? FreePorts.pick() : configuredPort + 1000;
    }

    private static Map<String, String> configFor(ServiceName name, StackSettings settings, LocalInfrastructure infra,
            LocalTokenEndpoint serviceTokens, Map<ServiceName, Integer> ports) {
        PostgresServer postgres = infra.postgres();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        config.put("quarkus.oidc.public-key", infra.keys().publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", StackSettings.LOCAL_ISSUER);
        String database = switch (name) {
            case SESSION -> Databases.SESSIONS;
            case CHAT -> Databases.CHATS;
            case WORKSPACE -> Databases.WORKSPACES;
            case GATEWAY -> null;
        };
        if (database != null) {
            // Requests run as the service's application role; Flyway migrates as the owner; cross-tenant work
            // (the outbox relay, chat-service's recovery reads) has a role of its own (docs/security.md).
            DatabaseRoles roles = DatabaseRoles.of(database);
            config.put("quarkus.datasource.username", roles.app());
            config.put("quarkus.datasource.password", roles.appPassword());
            config.put("quarkus.flyway.username", postgres.username());
            config.put("quarkus.flyway.password", postgres.password());
            config.put("quarkus.datasource.relay.username", roles.relay());
            config.put("quarkus.datasource.relay.password", roles.relayPassword());
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        }
        if (name == ServiceName.WORKSPACE) {
            config.put("switchboard.workspace.data-dir",
                    settings.infra().dataDir().resolve("workspaces").toAbsolutePath().toString());
        }
        if (name == ServiceName.CHAT) {
            config.put("switchboard.tools.workspace-url", "http://127.0.0.1:" + ports.get(ServiceName.WORKSPACE));
            LocalTokenEndpoint.Client client = serviceTokens.client(CHAT_CLIENT);
            config.put("quarkus.oidc-client.client-enabled", "true");
            config.put("quarkus.oidc-client.auth-server-url", serviceTokens.url());
            config.put("quarkus.oidc-client.client-id", client.id());
            config.put("quarkus.oidc-client.credentials.secret", client.secret());
        }
        if (name == ServiceName.GATEWAY) {
            config.put("quarkus.rest-client.session-service.url", "http://127.0.0.1:" + ports.get(ServiceName.SESSION));
            config.put("quarkus.rest-client.chat-service.url", "http://127.0.0.1:" + ports.get(ServiceName.CHAT));
            config.put("quarkus.rest-client.workspace-service.url", "http://127.0.0.1:" + ports.get(ServiceName.WORKSPACE));
        }
        config.putAll(settings.extraConfig());
        return config;
    }

    public String gatewayUrl() {
        return services.get(ServiceName.GATEWAY).url();
    }

    /** The gateway's health, metrics and OpenAPI ({@code /q/...}), on its management port. */
    public String gatewayManagementUrl() {
        return services.get(ServiceName.GATEWAY).managementUrl();
    }

    public String gatewayWebSocketUrl() {
        return gatewayUrl().replaceFirst("^http", "ws") + "/ws";
    }

    public synchronized ServiceProcess service(ServiceName name) {
        return services.get(name);
    }

    /** Kills the stack's instance of the service with SIGKILL, as a crash would; {@link #restart} brings it back. */
    public void kill(ServiceName name) {
        service(name).kill();
    }

    /**
     * Starts the stack's instance of the service again, on the same port with the same configuration, and waits
     * until it is ready. One that still runs is stopped gracefully first.
     */
    public ServiceProcess restart(ServiceName name) {
        ServiceProcess previous = service(name);
        previous.stop();
        ServiceProcess next;
        try {
            next = previous.startAgain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            services.put(name, next);
        }
        next.awaitReady(READY_TIMEOUT);
        return next;
    }

    /**
     * Starts one more instance of the service next to the stack's, on a free port with the same configuration and
     * its own log ({@code <module>-2.log}, {@code -3}...), and waits until it is ready. The caller may stop or kill
     * it; the stack stops it on close otherwise.
     */
    public ServiceProcess startExtra(ServiceName name) {
        return startExtra(name, Map.of());
    }

    /** Like {@link #startExtra(ServiceName)}, with configuration of its own on top of the stack's. */
    public ServiceProcess startExtra(ServiceName name, Map<String, String> overrides) {
        ServiceProcess extra;
        synchronized (this) {
            String instance = name.module() + "-" + (2 + extras.stream().filter(e -> e.name() == name).count());
            Map<String, String> config = configFor(name, settings, infra, serviceTokens, ports);
            config.putAll(overrides);
            try {
                extra = ServiceProcess.start(name, instance, settings.projectRoot(), FreePorts.pick(), FreePorts.pick(),
                        config, settings.infra().dataDir().resolve("logs").resolve(instance + ".log"), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            extras.add(extra);
        }
        extra.awaitReady(READY_TIMEOUT);
        return extra;
    }

    public LocalInfrastructure infra() {
        return infra;
    }

    /** A bearer token for a user of a tenant, signed with the local key. */
    public String token(String tenantId, String userId, Duration ttl) {
        return token(tenantId, userId, Set.of("user"), ttl);
    }

    /** A user token with the given roles ({@code groups} claim): {@code admin} reads the tenant's audit log. */
    public String token(String tenantId, String userId, Set<String> roles, Duration ttl) {
        return infra.keys().issueToken(StackSettings.LOCAL_ISSUER, tenantId, userId, roles, ttl);
    }

    /**
     * The token endpoint the services get their short-lived service tokens from (client credentials). Tests take
     * chat-service's token from it, count the tokens it issued, or shorten their lifetime.
     */
    public LocalTokenEndpoint serviceTokens() {
        return serviceTokens;
    }

    /** Stops the services first, so none of them sees its broker or database vanish mid-request. */
    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (this) {
            running = new ArrayList<>(extras);
            running.addAll(services.values());
        }
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        running.forEach(service -> stopping.add(CompletableFuture.runAsync(service::close)));
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        serviceTokens.close();
        infra.close();
    }
}
