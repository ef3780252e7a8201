package org.safepolicing.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a JAX-RS resource class (or method): its state-changing methods ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE}) accept an {@code Idempotency-Key} header. See {@link IdempotencyInterceptor}.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {
}
