package io.switchboard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What must hold in the base and in every overlay: safe containers, Secrets that exist and are used, topics as
 * the services expect them, each service on its own database roles, one public entry, closed networks.
 */
class ManifestInvariantsTest {

    /**
     * Secrets the manifests use but do not contain, with who provides them. docs/kubernetes.md must show how to
     * create each one an operator (a person) provides.
     */
    static final Map<String, String> PROVIDED_SECRETS = Map.ofEntries(
            Map.entry("switchboard-kafka-cluster-ca-cert", "Strimzi: the CA of the brokers' certificates"),
            Map.entry("switchboard-gateway", "Strimzi's User Operator, from the KafkaUser of the same name"),
            Map.entry("switchboard-session-service", "Strimzi's User Operator, from the KafkaUser of the same name"),
            Map.entry("switchboard-chat-service", "Strimzi's User Operator, from the KafkaUser of the same name"),
            Map.entry("switchboard-git-workspace-service", "Strimzi's User Operator, from the KafkaUser"),
            Map.entry("switchboard-db-owner", "created by hand: the owner role's password (Flyway)"),
            Map.entry("switchboard-db-sessions-app", "created by hand: a database role's password"),
            Map.entry("switchboard-db-sessions-relay", "created by hand: a database role's password"),
            Map.entry("switchboard-db-chats-app", "created by hand: a database role's password"),
            Map.entry("switchboard-db-chats-relay", "created by hand: a database role's password"),
            Map.entry("switchboard-db-workspaces-app", "created by hand: a database role's password"),
            Map.entry("switchboard-db-workspaces-relay", "created by hand: a database role's password"),
            Map.entry("keycloak-db", "created by hand: Keycloak's database role's password"),
            Map.entry("keycloak-admin", "created by hand: Keycloak's first admin"),
            Map.entry("chat-service-oidc-client", "created by hand: chat-service's client secret, also Keycloak's"),
            Map.entry("switchboard-github-token-key", "created by hand: the key sealing projects' GitHub tokens"),
            Map.entry("switchboard-providers", "created by hand, optional: model providers' API keys"),
            Map.entry("switchboard-tls", "created by hand or by cert-manager: the gateway host's certificate"),
            Map.entry("switchboard-sso-tls", "created by hand or by cert-manager: Keycloak's host's certificate"));

    /** Provided by operators (software), so docs/kubernetes.md need not show how to create them. */
    private static final Set<String> OPERATOR_SECRETS = Set.of("switchboard-kafka-cluster-ca-cert",
            "switchboard-gateway", "switchboard-session-service", "switchboard-chat-service",
            "switchboard-git-workspace-service");

    /** Public through the ingress controller: the gateway, and Keycloak because browsers sign in there. */
    private static final Set<String> PUBLIC = Set.of("gateway", "keycloak");

    private static final String INGRESS_NAMESPACE = "ingress-nginx";

    private static final String DRAIN_TIMEOUT = "switchboard.chat.scheduling.drain-timeout";
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    static Set<String> renderings() {
        return Renderings.all().keySet();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyContainerIsProbedLimitedAndUnprivileged(String rendering) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode workload : workloads(rendering)) {
            JsonNode pod = Renderings.podSpec(workload);
            for (JsonNode container : PodSpecs.containers(pod)) {
                String where = KustomizeRenderer.name(workload) + "/" + container.path("name").asText() + ": ";
                JsonNode management = portNamed(container, "management");
                for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    JsonNode get = container.path(probe).path("httpGet");
                    if (get.isMissingNode()) {
                        problems.add(where + "no HTTP " + probe);
                    } else if (management == null
                            || PodSpecs.port(container, get.path("port")) != management.path("containerPort").asInt()) {
                        problems.add(where + probe + " is not on the management port");
                    }
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (container.path("resources").path(bound).path(resource).isMissingNode()) {
                            problems.add(where + "no " + resource + " " + bound);
                        }
                    }
                }
                boolean nonRoot = container.at("/securityContext/runAsNonRoot").asBoolean(
                        pod.at("/securityContext/runAsNonRoot").asBoolean(false));
                if (!nonRoot) {
                    problems.add(where + "may run as root");
                }
                if (container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + "allows privilege escalation");
                }
                ImageReference image = ImageReference.parse(container.path("image").asText());
                if (image.digest() == null && (image.tag() == null || "latest".equals(image.tag()))) {
                    problems.add(where + "image " + image + " has no fixed tag");
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void servicesProbeTheManagementPortTheyListenOn(String rendering) {
        for (String module : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(module);
            JsonNode container = container(rendering, module);
            int listening = Integer.parseInt(resolve(settings, container, "quarkus.management.port"));
            int api = Integer.parseInt(settings.properties().getProperty("quarkus.http.port"));

            assertThat(portNamed(container, "management").path("containerPort").asInt()).as(module)
                    .isEqualTo(listening);
            assertThat(portNamed(container, "http").path("containerPort").asInt()).as(module).isEqualTo(api);
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everySecretExistsOrIsProvidedAndEveryRenderedSecretIsUsedAndEmpty(String rendering) throws IOException {
        List<ObjectNode> objects = Renderings.all().get(rendering);
        Set<String> referenced = new TreeSet<>();
        workloads(rendering).forEach(w -> referenced.addAll(PodSpecs.secrets(Renderings.podSpec(w))));
        Renderings.ofKind(objects, "Ingress").forEach(i -> i.path("spec").path("tls")
                .forEach(tls -> referenced.add(tls.path("secretName").asText())));
        Renderings.ofKind(objects, "Cluster").forEach(c -> {
            referenced.add(c.at("/spec/bootstrap/initdb/secret/name").asText());
            c.at("/spec/managed/roles").forEach(r -> referenced.add(r.at("/passwordSecret/name").asText()));
        });
        Set<String> rendered = Renderings.ofKind(objects, "Secret").map(KustomizeRenderer::name)
                .collect(Collectors.toCollection(TreeSet::new));
        String docs = Files.readString(Renderings.repositoryRoot().resolve("docs/kubernetes.md"));

        assertThat(referenced).as("referenced, neither rendered nor provided")
                .allMatch(s -> rendered.contains(s) || PROVIDED_SECRETS.containsKey(s));
        assertThat(PROVIDED_SECRETS.keySet()).as("listed as provided but used nowhere").isSubsetOf(referenced);
        assertThat(rendered).as("rendered but used nowhere").isSubsetOf(referenced);
        assertThat(PROVIDED_SECRETS.keySet()).filteredOn(s -> !OPERATOR_SECRETS.contains(s))
                .as("provided by hand but not in docs/kubernetes.md").allMatch(docs::contains);
        // Secrets are created beside the manifests, never kept in them (the dev overlay included).
        assertThat(Renderings.ofKind(objects, "Secret"))
                .allMatch(s -> !s.has("data") && !s.has("stringData"));
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void topicsHaveThePartitionsTheServicesAssume(String rendering) {
        List<ObjectNode> objects = Renderings.all().get(rendering);
        int partitions = ServiceSettings.partitions();
        Map<String, Integer> topics = Renderings.ofKind(objects, "KafkaTopic").collect(Collectors.toMap(
                t -> t.at("/spec/topicName").asText(), t -> t.at("/spec/partitions").asInt()));
        Set<String> used = new TreeSet<>();
        ServiceSettings.SERVICES.forEach(m -> used.addAll(ServiceSettings.of(m).topics()));

        assertThat(topics).as("topics").containsOnlyKeys(used.stream()
                .flatMap(t -> Stream.of(t, t + ".dlq")).toArray(String[]::new));
        assertThat(topics.values()).as("partitions").containsOnly(partitions);
        assertThat(Renderings.named(objects, "HorizontalPodAutoscaler", "chat-service").at("/spec/maxReplicas")
                .asInt()).as("chat-service beyond one consumer per partition").isLessThanOrEqualTo(partitions);
        assertThat(Renderings.named(objects, "Kafka", "switchboard-kafka")
                .at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void eachServiceUsesItsOwnRolesNeverTheSuperuser(String rendering) {
        List<ObjectNode> objects = Renderings.all().get(rendering);
        ObjectNode cluster = Renderings.named(objects, "Cluster", "switchboard-db");
        String owner = cluster.at("/spec/bootstrap/initdb/owner").asText();
        String bootstrapSql = cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL").toString();
        for (String module : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(module);
            if (!settings.has("quarkus.datasource.username")) {
                continue;
            }
            JsonNode container = container(rendering, module);
            String database = URI.create(resolve(settings, container, "quarkus.datasource.jdbc.url").substring(5))
                    .getPath().substring(1);
            assertThat(resolve(settings, container, "quarkus.datasource.reactive.url")).endsWith("/" + database);
            Map<String, String> roles = Map.of(
                    "quarkus.datasource.username", database + "_app",
                    "quarkus.datasource.relay.username", database + "_relay",
                    "quarkus.flyway.username", owner);
            for (Map.Entry<String, String> expected : roles.entrySet()) {
                String role = resolve(settings, container, expected.getKey());
                String passwordKey = expected.getKey().replace("username", "password");
                JsonNode managed = managedRole(cluster, role);

                assertThat(role).as(module + " " + expected.getKey()).isEqualTo(expected.getValue())
                        .isNotEqualTo("postgres");
                assertThat(managed.path("superuser").asBoolean(true)).as(role + " superuser").isFalse();
                assertThat(managed.path("bypassrls").asBoolean(true)).as(role + " bypassrls").isFalse();
                assertThat(PodSpecs.secretRef(container, settings.env(passwordKey).variable()).path("name").asText())
                        .as(module + " reads " + role + "'s password from the Secret the database takes it from")
                        .isEqualTo(managed.at("/passwordSecret/name").asText());
                if (!role.equals(owner)) {
                    assertThat(bootstrapSql).as(role + " created without rights")
                            .contains("CREATE ROLE " + role + " NOLOGIN NOSUPERUSER NOBYPASSRLS");
                    assertThat(bootstrapSql).contains("GRANT CONNECT ON DATABASE " + database + " TO ");
                }
            }
            assertThat(bootstrapSql).contains("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
        }
        assertThat(cluster.at("/spec/enableSuperuserAccess").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void onlyTheGatewayIsPublic(String rendering) {
        List<ObjectNode> objects = Renderings.all().get(rendering);

        assertThat(Renderings.ofKind(objects, "Service")).allSatisfy(s -> assertThat(s.at("/spec/type")
                .asText("ClusterIP")).as(KustomizeRenderer.name(s)).isEqualTo("ClusterIP"));
        Set<String> backends = new TreeSet<>();
        Renderings.ofKind(objects, "Ingress").forEach(i -> i.findValues("service")
                .forEach(s -> backends.add(s.path("name").asText())));
        assertThat(backends).isSubsetOf(PUBLIC).contains("gateway");
        assertThat(Renderings.named(objects, "Ingress", "keycloak").findValuesAsText("path"))
                .as("Keycloak's admin console stays inside").containsOnly("/realms/", "/resources/");
        ObjectNode gateway = Renderings.named(objects, "Ingress", "gateway");
        assertThat(gateway.at("/spec/tls/0/hosts/0").asText()).isEqualTo(gateway.at("/spec/rules/0/host").asText());
        assertThat(gateway.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-read-timeout").asInt())
                .as("WebSocket connections outlive the gateway's idle timeout").isGreaterThanOrEqualTo(180);
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void networksAreClosedByDefaultAndOpenOnlyWhereUsed(String rendering) {
        List<ObjectNode> objects = Renderings.all().get(rendering);
        List<ObjectNode> policies = Renderings.ofKind(objects, "NetworkPolicy").toList();

        assertThat(policies).as("default deny").anySatisfy(p -> {
            assertThat(p.at("/spec/podSelector").size()).isZero();
            assertThat(p.at("/spec/policyTypes").toString()).contains("Ingress");
            assertThat(p.at("/spec/ingress").isMissingNode() || p.at("/spec/ingress").isEmpty()).isTrue();
        });
        for (ObjectNode workload : workloads(rendering)) {
            String name = KustomizeRenderer.name(workload);
            JsonNode labels = workload.at("/spec/template/metadata/labels");
            List<ObjectNode> selecting = policies.stream().filter(p -> selects(p.at("/spec/podSelector"), labels))
                    .filter(p -> p.at("/spec/podSelector").size() > 0).toList();
            assertThat(selecting).as(name + ": its own egress list")
                    .anyMatch(p -> p.at("/spec/policyTypes").toString().contains("Egress")
                            && p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText().equals(name));
            boolean fromIngressController = selecting.stream().flatMap(p -> {
                List<JsonNode> peers = new ArrayList<>();
                p.at("/spec/ingress").forEach(rule -> rule.path("from").forEach(peers::add));
                return peers.stream();
            }).anyMatch(peer -> INGRESS_NAMESPACE.equals(
                    peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()));
            assertThat(fromIngressController).as(name + " reachable from the ingress controller")
                    .isEqualTo(PUBLIC.contains(name));
        }
        assertThat(Renderings.named(objects, "Kafka", "switchboard-kafka").at("/spec/kafka/listeners"))
                .allSatisfy(listener -> {
                    assertThat(listener.path("tls").asBoolean()).isTrue();
                    assertThat(listener.at("/authentication/type").asText()).isEqualTo("tls");
                });
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void publicNamesAgree(String rendering) {
        List<ObjectNode> objects = Renderings.all().get(rendering);
        String app = Renderings.named(objects, "Ingress", "gateway").at("/spec/rules/0/host").asText();
        String sso = Renderings.named(objects, "Ingress", "keycloak").at("/spec/rules/0/host").asText();
        Map<String, String> keycloak = PodSpecs.env(container(rendering, "keycloak"));

        assertThat(Renderings.named(objects, "ConfigMap", "switchboard-config").at("/data/SWITCHBOARD_TOKEN_ISSUER")
                .asText()).isEqualTo("https://" + sso + "/realms/switchboard");
        assertThat(keycloak).containsEntry("KC_HOSTNAME", "https://" + sso)
                .containsEntry("SWITCHBOARD_PUBLIC_URL", "https://" + app);
        assertThat(PodSpecs.env(container(rendering, "gateway")))
                .containsEntry("SWITCHBOARD_CORS_ORIGINS", "https://" + app);
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void serviceUrlsNameServicesThatExist(String rendering) {
        List<ObjectNode> objects = Renderings.all().get(rendering);
        for (ObjectNode workload : workloads(rendering)) {
            for (JsonNode container : PodSpecs.containers(Renderings.podSpec(workload))) {
                PodSpecs.env(container).values().stream().filter(v -> v.startsWith("http://")).forEach(url -> {
                    URI uri = URI.create(url);
                    ObjectNode service = Renderings.named(objects, "Service", uri.getHost());
                    assertThat(service.at("/spec/ports").findValuesAsText("port")).as(url)
                            .contains(String.valueOf(uri.getPort()));
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void chatServiceHasTimeToDrainAndHandItsChatsOver(String rendering) {
        JsonNode pod = Renderings.podSpec(Renderings.named(Renderings.all().get(rendering), "Deployment",
                "chat-service"));
        int preStop = pod.at("/containers/0/lifecycle/preStop/sleep/seconds").asInt();
        ServiceSettings.EnvSetting drain = ServiceSettings.of("chat-service").env(DRAIN_TIMEOUT);
        long drainSeconds = quarkusDuration(PodSpecs.env(pod.path("containers").get(0))
                .getOrDefault(drain.variable(), drain.defaultValue())).toSeconds();
        // The drain of running turns, ChatConfig's handover timeout (20 s), the HTTP drain (QUARKUS_SHUTDOWN_TIMEOUT,
        // 20 s), and the Kafka consumer's close (up to 5 s for an unacknowledged poll): all after the preStop pause.
        assertThat(pod.path("terminationGracePeriodSeconds").asLong()).as("grace period with a drain of %d s",
                drainSeconds).isGreaterThanOrEqualTo(preStop + drainSeconds + 20 + 20 + 5);
    }

    /** A duration as Quarkus reads one: a number of seconds, 500ms, 45s, 2m, 1h, 1d, or ISO-8601 (PT45S). */
    static Duration quarkusDuration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE_DURATION.matcher(text);
        if (!simple.matches()) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static List<ObjectNode> workloads(String rendering) {
        return Renderings.all().get(rendering).stream().filter(o -> Renderings.podSpec(o) != null).toList();
    }

    private static JsonNode container(String rendering, String deployment) {
        return Renderings.podSpec(Renderings.named(Renderings.all().get(rendering), "Deployment", deployment))
                .path("containers").get(0);
    }

    private static JsonNode portNamed(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        return null;
    }

    /** A property's value in the deployed container: its variable if the manifest sets it, else the default. */
    private static String resolve(ServiceSettings settings, JsonNode container, String key) {
        ServiceSettings.EnvSetting setting = settings.env(key);
        return PodSpecs.env(container).getOrDefault(setting.variable(), setting.defaultValue());
    }

    private static JsonNode managedRole(ObjectNode cluster, String role) {
        for (JsonNode managed : cluster.at("/spec/managed/roles")) {
            if (role.equals(managed.path("name").asText())) {
                return managed;
            }
        }
        throw new AssertionError("Role " + role + " is not managed by the cluster");
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.path("matchLabels");
        List<String> keys = new ArrayList<>();
        match.fieldNames().forEachRemaining(keys::add);
        return keys.stream().allMatch(k -> match.path(k).asText().equals(labels.path(k).asText(null)));
    }
}
