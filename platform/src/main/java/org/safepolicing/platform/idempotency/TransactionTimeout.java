package org.safepolicing.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a state-changing resource method whose work needs longer than the default transaction timeout: a request with an
 * {@code Idempotency-Key} runs in one transaction begun by {@link IdempotencyInterceptor} (the key's row commits with
 * the change), and the interceptor begins it with this timeout. Quarkus' {@code @TransactionConfiguration} cannot serve:
 * it applies only where a transaction begins and is refused on a method that joins one. The method begins its own
 * transaction with the same timeout for a request without a key.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TransactionTimeout {

    /** Seconds. */
    int seconds();
}
