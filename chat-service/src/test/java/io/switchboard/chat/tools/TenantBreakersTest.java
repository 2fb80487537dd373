package io.switchboard.chat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.mutiny.Uni;

class TenantBreakersTest {

    private final TenantBreakers breakers = new TenantBreakers();

    @Test
    void oneTenantsFailuresRestOnlyThatTenantsCalls() {
        for (int i = 0; i < TenantBreakers.WINDOW; i++) {
            outcome("noisy", Uni.createFrom().failure(new WorkspaceUnavailable("boom")));
        }

        assertThat(breakers.isOpen("noisy")).isTrue();
        assertThat(outcome("noisy", Uni.createFrom().item("not called"))).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(outcome("quiet", Uni.createFrom().item("ok"))).isEqualTo("ok");
        assertThat(breakers.isOpen("quiet")).isFalse();
    }

    @Test
    void refusedRequestsAndBadArgumentsDoNotCountAgainstTheService() {
        for (int i = 0; i < 3 * TenantBreakers.WINDOW; i++) {
            outcome("careless", Uni.createFrom().failure(new WorkspaceRejection(404, "urn:switchboard:problem:not-found", "no such file")));
            outcome("careless", Uni.createFrom().failure(new ToolArgumentException("path is required")));
        }
        assertThat(breakers.isOpen("careless")).isFalse();
    }

    @Test
    void noTokenToBeHadSaysNothingAboutTheWorkspaceService() {
        // The OIDC client filter's failure arrives wrapped by the REST client.
        for (int i = 0; i < 3 * TenantBreakers.WINDOW; i++) {
            outcome("unlucky", Uni.createFrom().failure(new ProcessingException(
                    new OidcClientException("the token endpoint refused the client"))));
        }
        assertThat(breakers.isOpen("unlucky")).isFalse();
        assertThat(AgentToolbox.isIdentityFailure(new WorkspaceUnavailable("boom"))).isFalse();
    }

    @Test
    void anOpenBreakerLetsOneProbeThroughAfterItsRestAndClosesOnSuccess() {
        TenantBreakers.Breaker breaker = new TenantBreakers.Breaker();
        long now = 0;
        for (int i = 0; i < TenantBreakers.WINDOW; i++) {
            breaker.record(i % 2 == 0, now);
        }
        assertThat(breaker.allow(now)).as("half of the window failed").isFalse();
        long later = now + TenantBreakers.OPEN_NANOS;
        assertThat(breaker.allow(later)).as("the probe").isTrue();
        assertThat(breaker.allow(later)).as("only one probe at a time").isFalse();
        breaker.record(true, later);
        assertThat(breaker.allow(later)).isTrue();
    }

    private Object outcome(String tenant, Uni<String> call) {
        try {
            return breakers.call(tenant, () -> call).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            return e;
        }
    }
}
