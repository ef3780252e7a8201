package org.safepolicing.platform.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Limits how often one caller may call the annotated REST method: each caller (the token's subject, or the source
 * address when there is no token) has a bucket of {@code platform.rate-limit.<name>.per-minute} requests (default
 * {@code platform.rate-limit.per-minute}) that refills evenly over a minute; an empty bucket answers 429 with
 * {@code Retry-After}. Put it on search and check endpoints, where one caller could otherwise exhaust the service.
 * Buckets are kept per replica: with n replicas a caller gets at most n times the limit.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

    /** The limit's name: methods that share a name share a caller's bucket. */
    @Nonbinding
    String value();
}
