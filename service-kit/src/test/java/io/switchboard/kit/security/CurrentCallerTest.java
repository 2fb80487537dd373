package io.switchboard.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.switchboard.kit.problem.ProblemException;

/** Which verified tokens name a caller acting as a user. */
class CurrentCallerTest {

    private static final AuthConfig CONFIG = new AuthConfig() {
        @Override
        public String tenantClaim() {
            return "tenant";
        }

        @Override
        public String userAudience() {
            return "switchboard";
        }

        @Override
        public String adminRole() {
            return "admin";
        }
    };

    @Test
    void aUsersTokenForTheApiNamesItsTenantAndSubject() {
        Caller caller = CurrentCaller.of(token(Set.of("switchboard", "account"), "tenant-a", "alice"), CONFIG);
        assertThat(caller).isEqualTo(new Caller("tenant-a", "alice"));
    }

    @Test
    void aTokenWithoutTheApisAudienceIsRefusedEvenWithATenant() {
        for (Set<String> audience : Arrays.asList(Set.of("git-workspace-service"), Set.<String>of(), null)) {
            assertThatThrownBy(() -> CurrentCaller.of(token(audience, "tenant-a", "alice"), CONFIG))
                    .isInstanceOfSatisfying(ProblemException.class, problem -> {
                        assertThat(problem.status()).isEqualTo(403);
                        assertThat(problem.type()).isEqualTo("urn:switchboard:problem:not-a-user-token");
                    });
        }
    }

    private static JsonWebToken token(Set<String> audience, String tenant, String subject) {
        Map<String, Object> claims = new HashMap<>();
        if (audience != null) {
            claims.put("aud", audience);
        }
        claims.put("tenant", tenant);
        claims.put("sub", subject);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
