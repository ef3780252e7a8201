package org.safepolicing.platform.limits;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.RequestContext;

/** Applies {@link RateLimited}: 429 problem+json with {@code Retry-After} when the caller's bucket is empty. */
@RateLimited("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RateLimitInterceptor {

    private final RateLimiter limiter;
    private final Caller caller;
    private final RequestContext request;

    RateLimitInterceptor(RateLimiter limiter, Caller caller, RequestContext request) {
        this.limiter = limiter;
        this.caller = caller;
        this.request = request;
    }

    @AroundInvoke
    Object limit(InvocationContext ctx) throws Exception {
        RateLimited limit = ctx.getMethod().getAnnotation(RateLimited.class);
        if (limit == null) {
            limit = ctx.getMethod().getDeclaringClass().getAnnotation(RateLimited.class);
        }
        String who = caller.anonymous() ? "address:" + request.sourceAddress() : "subject:" + caller.name();
        long retryAfter = limiter.acquire(limit.value(), who);
        if (retryAfter > 0) {
            throw new ProblemException(429, "rate-limited", "Too many requests",
                    "too many " + limit.value() + " requests from this caller; retry in " + retryAfter + " s")
                    .header("Retry-After", Long.toString(retryAfter));
        }
        return ctx.proceed();
    }
}
