package io.switchboard.gateway.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.TestInfrastructure;

/**
 * Points the packaged gateway at a real Keycloak instead of the local signing key, exactly as an operator
 * would: the realm as {@code quarkus.oidc.auth-server-url} and a client id, no public key (so the expected
 * issuer is the realm). Kafka is the test JVM's real broker; the other services are not running.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "switchboard";
    static final String OTHER_REALM = "elsewhere";
    /** System property through which the test reads where Keycloak listens. */
    static final String REALM_URL_PROPERTY = "switchboard.test.keycloak.realm-url";
    static final String OTHER_REALM_URL_PROPERTY = "switchboard.test.keycloak.other-realm-url";

    private KeycloakServer keycloak;

    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureStarted();
        keycloak = KeycloakServer.start(List.of("keycloak/switchboard-realm.json", "keycloak/elsewhere-realm.json"),
                List.of(REALM, OTHER_REALM));
        System.setProperty(REALM_URL_PROPERTY, keycloak.realmUrl(REALM));
        System.setProperty(OTHER_REALM_URL_PROPERTY, keycloak.realmUrl(OTHER_REALM));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", TestInfrastructure.bootstrapServers());
        config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl(REALM));
        config.put("quarkus.oidc.client-id", "switchboard-gateway");
        config.put("switchboard.web.sign-in.client-id", "switchboard-web");
        config.put("quarkus.rest-client.session-service.url", "http://127.0.0.1:1");
        config.put("quarkus.rest-client.chat-service.url", "http://127.0.0.1:1");
        config.put("quarkus.rest-client.workspace-service.url", "http://127.0.0.1:1");
        return config;
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
