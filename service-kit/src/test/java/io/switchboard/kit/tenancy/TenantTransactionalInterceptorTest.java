package io.switchboard.kit.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.command.StopTurn;
import io.switchboard.kit.security.Caller;

class TenantTransactionalInterceptorTest {

    @Test
    void theTenantComesFromTheCallerTheEnvelopeOrTheMarkedArgument() throws Exception {
        assertThat(TenantTransactionalInterceptor.tenantOf(method("byCaller", UUID.class, Caller.class),
                new Object[] {UUID.randomUUID(), new Caller("acme", "alice")})).isEqualTo("acme");

        Envelope event = Envelope.of(UUID.randomUUID().toString(), "globex", 1, null,
                new StopTurn("bob"));
        assertThat(TenantTransactionalInterceptor.tenantOf(method("byEvent", Envelope.class), new Object[] {event}))
                .isEqualTo("globex");

        assertThat(TenantTransactionalInterceptor.tenantOf(method("byMarkedString", String.class, String.class),
                new Object[] {"not-this", "initech"})).isEqualTo("initech");
    }

    @Test
    void aMethodNamingNoTenantIsRefused() throws Exception {
        assertThatThrownBy(() -> TenantTransactionalInterceptor.tenantOf(method("unmarked", String.class),
                new Object[] {"acme"}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no argument names the tenant");
    }

    private static Method method(String name, Class<?>... parameters) throws NoSuchMethodException {
        return Examples.class.getDeclaredMethod(name, parameters);
    }

    @SuppressWarnings("unused")
    private static final class Examples {

        Uni<Void> byCaller(UUID chatId, Caller caller) {
            return Uni.createFrom().voidItem();
        }

        Uni<Void> byEvent(Envelope event) {
            return Uni.createFrom().voidItem();
        }

        Uni<Void> byMarkedString(String other, @TenantId String tenant) {
            return Uni.createFrom().voidItem();
        }

        Uni<Void> unmarked(String tenant) {
            return Uni.createFrom().voidItem();
        }
    }
}
