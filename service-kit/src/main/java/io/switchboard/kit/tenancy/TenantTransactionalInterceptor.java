package io.switchboard.kit.tenancy;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.kit.security.Caller;

/** See {@link TenantTransactional}. Runs inside any outer transaction interceptor, so it joins that transaction. */
@TenantTransactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class TenantTransactionalInterceptor {

    @AroundInvoke
    Object inTenantTransaction(InvocationContext context) {
        Method method = context.getMethod();
        if (!Uni.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException(method + " is @TenantTransactional but does not return Uni");
        }
        String tenant = tenantOf(method, context.getParameters());
        return Panache.withTransaction(() -> TenantScope.enter(tenant).chain(() -> proceed(context)));
    }

    /** The tenant the arguments name; a method naming none is a programming error, found by its first call. */
    static String tenantOf(Method method, Object[] arguments) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Object argument = arguments[i];
            if (argument instanceof Caller caller) {
                return caller.tenantId();
            }
            if (argument instanceof Envelope envelope) {
                return envelope.tenantId();
            }
            if (parameters[i].isAnnotationPresent(TenantId.class) && argument instanceof String tenant) {
                return tenant;
            }
        }
        throw new IllegalStateException(method + " is @TenantTransactional but no argument names the tenant");
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext context) {
        try {
            return (Uni<Object>) context.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }
}
