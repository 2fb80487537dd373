package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm compose imports into Keycloak gives the services what they check: one issuer for browsers and
 * services, the tenant claim and API audience on users' tokens, and chat-service's service identity.
 */
class KeycloakRealmTest {

    private static final String REALM_FILE = "deploy/keycloak/switchboard-realm.json";
    private static final String IMPORT_DIR = "/opt/keycloak/data/import/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final ResolvedCompose compose = ResolvedCompose.get();
    private String realmText;
    private JsonNode realm;
    private Map<String, String> keycloakEnv;

    @BeforeEach
    void readRealm() throws IOException {
        realmText = Files.readString(RepositoryRoot.resolve(REALM_FILE));
        realm = new ObjectMapper().readTree(realmText);
        keycloakEnv = compose.environment("keycloak");
    }

    @Test
    void keycloakImportsTheRealmAtStart() {
        assertThat(compose.stringList(compose.service("keycloak").path("command"))).contains("--import-realm");
        assertThat(compose.mounts("keycloak")).anySatisfy(mount -> {
            assertThat(Path.of(mount.source())).isEqualTo(RepositoryRoot.resolve(REALM_FILE));
            assertThat(mount.target()).startsWith(IMPORT_DIR).endsWith(".json");
        });
    }

    @Test
    void everyPlaceholderOfTheRealmIsInKeycloaksEnvironment() {
        Matcher placeholder = PLACEHOLDER.matcher(realmText);
        Set<String> names = new TreeSet<>();
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }

        assertThat(names).isNotEmpty();
        assertThat(keycloakEnv).containsKeys(names.toArray(String[]::new));
    }

    @Test
    void noPasswordOrSecretIsWrittenInTheRealm() {
        List<String> values = new ArrayList<>();
        realm.path("users").forEach(user -> user.path("credentials")
                .forEach(credential -> values.add(credential.path("value").asText())));
        realm.path("clients").forEach(client -> {
            if (client.has("secret")) {
                values.add(client.path("secret").asText());
            }
        });

        assertThat(values).isNotEmpty().allMatch(value -> PLACEHOLDER.matcher(value).matches());
    }

    @Test
    void everyTokenIssuerTheServicesExpectIsTheOneKeycloakIssues() {
        String issuer = keycloakEnv.get("KC_HOSTNAME") + "/realms/" + realm.path("realm").asText();
        for (String service : compose.moduleServices().keySet()) {
            Map<String, String> env = compose.environment(service);
            assertThat(env).as("environment of %s", service).containsEntry("SWITCHBOARD_TOKEN_ISSUER", issuer);
            for (String name : List.of("QUARKUS_OIDC_AUTH_SERVER_URL", "SWITCHBOARD_SERVICE_AUTH_URL")) {
                if (env.containsKey(name)) {
                    assertReachesTheRealm(service, name, env.get(name), issuer);
                }
            }
        }
    }

    @Test
    void usersBelongToTwoTenantsAndTheirTokensCarryTenantAndAudience() {
        String tenantClaim = mappingDefault("service-kit", "switchboard.auth.tenant-claim");
        String userAudience = mappingDefault("service-kit", "switchboard.auth.user-audience");
        Set<String> tenants = new TreeSet<>();
        realm.path("users").forEach(user -> user.path("attributes").path(tenantClaim)
                .forEach(tenant -> tenants.add(tenant.asText())));

        assertThat(tenants).as("tenants of the realm's users").hasSizeGreaterThanOrEqualTo(2);
        assertThat(realm.path("components").toString()).as("user profile").contains("\\\"name\\\": \\\""
                + tenantClaim + "\\\"");
        List<JsonNode> signInClients = new ArrayList<>();
        realm.path("clients").forEach(client -> {
            if (client.path("standardFlowEnabled").asBoolean(true) && !client.path("bearerOnly").asBoolean()
                    || client.path("directAccessGrantsEnabled").asBoolean()) {
                signInClients.add(client);
            }
        });
        assertThat(signInClients).isNotEmpty().allSatisfy(client -> {
            assertThat(mapper(client, "oidc-usermodel-attribute-mapper"))
                    .as("tenant mapper of %s", client.path("clientId").asText())
                    .hasValueSatisfying(config -> {
                        assertThat(config.path("user.attribute").asText()).isEqualTo(tenantClaim);
                        assertThat(config.path("claim.name").asText()).isEqualTo(tenantClaim);
                        assertThat(config.path("access.token.claim").asText()).isEqualTo("true");
                    });
            assertThat(mapper(client, "oidc-audience-mapper")).as("audience of %s", client.path("clientId").asText())
                    .hasValueSatisfying(config -> assertThat(audience(config)).isEqualTo(userAudience));
        });
    }

    @Test
    void theWebClientSignsInWithPkceAndReturnsToTheGateway() {
        Map<String, String> gateway = compose.environment("gateway");
        JsonNode web = client(gateway.get("SWITCHBOARD_WEB_CLIENT_ID"));

        assertThat(web.path("publicClient").asBoolean()).isTrue();
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        List<String> redirects = new ArrayList<>();
        web.path("redirectUris").forEach(uri -> redirects.add(resolve(uri.asText())));
        assertThat(redirects).containsExactly(gateway.get("SWITCHBOARD_CORS_ORIGINS") + "/auth/callback");
    }

    @Test
    void chatServiceGetsServiceTokensForGitWorkspaceService() {
        Map<String, String> chat = compose.environment("chat-service");
        JsonNode client = client(chat.get("SWITCHBOARD_SERVICE_CLIENT_ID"));
        String serviceRole = ApplicationProperties.values(RepositoryRoot.resolve(
                "git-workspace-service/src/main/resources/application.properties"))
                .getOrDefault("switchboard.workspace.service-role",
                        mappingDefault("git-workspace-service", "switchboard.workspace.service-role"));
        String serviceAudience = mappingDefault("git-workspace-service", "switchboard.workspace.service-audience");

        assertThat(chat).containsEntry("SWITCHBOARD_SERVICE_CLIENT_ENABLED", "true");
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(resolve(client.path("secret").asText())).isEqualTo(chat.get("SWITCHBOARD_SERVICE_CLIENT_SECRET"));
        assertThat(mapper(client, "oidc-audience-mapper"))
                .hasValueSatisfying(config -> assertThat(audience(config)).isEqualTo(serviceAudience));
        assertThat(realm.path("users")).anySatisfy(user -> {
            assertThat(user.path("serviceAccountClientId").asText()).isEqualTo(client.path("clientId").asText());
            assertThat(user.path("realmRoles").toString()).contains("\"" + serviceRole + "\"");
        });
    }

    private void assertReachesTheRealm(String service, String name, String url, String issuer) {
        URI uri = URI.create(url);
        assertThat(uri.getPath()).as("%s of %s", name, service).isEqualTo(URI.create(issuer).getPath());
        assertThat(compose.services()).as("host of %s of %s", name, service).contains(uri.getHost());
        if (!url.equals(issuer)) {
            // Reached under another name than the issuer's: Keycloak must answer with back-channel URLs (keys,
            // token endpoint) under the name it was asked by, and the issuer under the public one.
            assertThat(keycloakEnv).containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
        }
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("The realm has no client " + clientId);
    }

    private static Optional<JsonNode> mapper(JsonNode client, String type) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals(type)) {
                return Optional.of(mapper.path("config"));
            }
        }
        return Optional.empty();
    }

    private static String audience(JsonNode config) {
        String custom = config.path("included.custom.audience").asText("");
        return custom.isEmpty() ? config.path("included.client.audience").asText() : custom;
    }

    /** A realm value with its placeholders replaced as Keycloak replaces them, from its compose environment. */
    private String resolve(String value) {
        return PLACEHOLDER.matcher(value).replaceAll(match -> Matcher.quoteReplacement(
                keycloakEnv.getOrDefault(match.group(1), match.group())));
    }

    private static String mappingDefault(String module, String name) {
        Path sources = RepositoryRoot.resolve(module + "/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                for (ConfigMappingKeys.MappingKey key : ConfigMappingKeys.of(Files.readString(file))) {
                    if (key.name().equals(name) && key.defaultValue().isPresent()) {
                        return key.defaultValue().get();
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("No default of " + name + " in " + module);
    }
}
