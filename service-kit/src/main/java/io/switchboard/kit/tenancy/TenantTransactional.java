package io.switchboard.kit.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Runs a method returning {@code Uni} in a Hibernate Reactive transaction (joining the current one) whose first
 * statement names the tenant for row-level security ({@link TenantScope}). The tenant is read from the method's
 * arguments: a {@link io.switchboard.kit.security.Caller}, an {@link io.switchboard.events.Envelope}, or a
 * {@code String} annotated {@link TenantId}. Reads need it as much as writes: outside a transaction the tenant
 * would be forgotten after one statement, and every query would see nothing.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantTransactional {
}
