package io.switchboard.kit.tenancy;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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

    private static final Map<Method, TenantArgument> TENANT_ARGUMENTS = new ConcurrentHashMap<>();

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
        TenantArgument argument = TENANT_ARGUMENTS.computeIfAbsent(method, TenantTransactionalInterceptor::find);
        Object value = arguments[argument.index()];
        return value == null ? null : argument.tenant().apply(value);
    }

    // Which argument names the tenant depends on the method alone: found once, not by reflection on every call.
    private static TenantArgument find(Method method) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            if (Caller.class.isAssignableFrom(type)) {
                return new TenantArgument(i, value -> ((Caller) value).tenantId());
            }
            if (Envelope.class.isAssignableFrom(type)) {
                return new TenantArgument(i, value -> ((Envelope) value).tenantId());
            }
            if (type == String.class && parameters[i].isAnnotationPresent(TenantId.class)) {
                return new TenantArgument(i, String.class::cast);
            }
        }
        throw new IllegalStateException(method + " is @TenantTransactional but no argument names the tenant");
    }

    /** The position of the argument that names the tenant, and how to read the tenant from it. */
    private record TenantArgument(int index, Function<Object, String> tenant) {
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
