package io.switchboard.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.switchboard.gateway.config.WebConfig;

class SignInPolicyTest {

    private static final String POLICY = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    @Test
    void aProviderClientMakesTheAppSignInThereAndConnectToTheProvidersOriginOnly() {
        SignInPolicy policy = new SignInPolicy(config(POLICY, "switchboard-web", "https://sso.example.com/realms/sb/"));

        assertThat(policy.settings()).isEqualTo(new SignInSettings("oidc", "https://sso.example.com/realms/sb",
                "switchboard-web", "openid"));
        assertThat(policy.contentSecurityPolicy())
                .isEqualTo("default-src 'self'; connect-src 'self' https://sso.example.com; frame-ancestors 'none'");
    }

    @Test
    void aPolicyWithoutConnectSrcGetsOne() {
        assertThat(SignInPolicy.allowingConnectionsTo("default-src 'self'", "https://sso.example.com:8443"))
                .isEqualTo("default-src 'self'; connect-src 'self' https://sso.example.com:8443");
    }

    @Test
    void withoutAClientTheLocalTokenIsUsedAndThePolicyIsUnchanged() {
        SignInPolicy policy = new SignInPolicy(config(POLICY, null, "switchboard-local"));

        assertThat(policy.settings().mode()).isEqualTo("local");
        assertThat(policy.settings().issuer()).isNull();
        assertThat(policy.contentSecurityPolicy()).isEqualTo(POLICY);
    }

    @Test
    void anIssuerThatIsNoHttpUrlIsAConfigurationError() {
        assertThatThrownBy(() -> new SignInPolicy(config(POLICY, "switchboard-web", "switchboard-local")))
                .hasMessageContaining("switchboard.web.sign-in.issuer");
        assertThatThrownBy(() -> new SignInPolicy(config(POLICY, "switchboard-web", "javascript:alert(1)")))
                .hasMessageContaining("switchboard.web.sign-in.issuer");
    }

    private static WebConfig config(String policy, String clientId, String issuer) {
        return new WebConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String contentSecurityPolicy() {
                return policy;
            }

            @Override
            public SignIn signIn() {
                return new SignIn() {
                    @Override
                    public Optional<String> clientId() {
                        return Optional.ofNullable(clientId);
                    }

                    @Override
                    public String issuer() {
                        return issuer;
                    }

                    @Override
                    public String scope() {
                        return "openid";
                    }
                };
            }
        };
    }
}
