package org.safepolicing.platform.idempotency;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.stream.IntStream;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;

/**
 * {@code Idempotency-Key} on every state-changing request of an {@link Idempotent} resource: a retry with the same
 * key and the same request gets the first answer (with {@code Idempotent-Replayed: true}) and changes nothing again,
 * also when the first answer was lost in a crash or a timeout, because the key's row is written in the same database
 * transaction as the change: either both are stored or neither.
 *
 * <ul>
 * <li>The key is the caller's (token subject): two callers may use the same key. At most 200 visible ASCII
 *     characters; otherwise 400.</li>
 * <li>The same key with a different request (method, path, query or body) is refused: 422
 *     {@code idempotency-key-reused}.</li>
 * <li>Two requests with the same key at the same moment: the second waits for the first's transaction and then gets
 *     its answer (or, if the first failed, is carried out itself).</li>
 * <li>Only successful answers (2xx) are kept: a refused request stored nothing, so its retry is judged again.</li>
 * <li>Keys are kept {@code platform.idempotency.retention} (default 7 days; {@link IdempotencyRetention}).</li>
 * <li>Without the header, nothing changes. A method whose body is a stream cannot be compared and ignores the key.</li>
 * </ul>
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) // outside @Transactional (PLATFORM_BEFORE + 200)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    private final HttpServerRequest http;
    private final Caller caller;
    private final EntityManager em;
    private final ObjectMapper json;
    private final IdempotencyState state;
    private final Clock clock;

    IdempotencyInterceptor(HttpServerRequest http, Caller caller, EntityManager em, ObjectMapper json,
                           IdempotencyState state) {
        this.http = http;
        this.caller = caller;
        this.em = em;
        this.json = json;
        this.state = state;
        this.clock = Clock.systemUTC();
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        Method method = ctx.getMethod();
        String key = http.getHeader(HEADER);
        if (key == null || !changesState(method) || caller.anonymous() || hasStream(ctx.getParameters())) {
            return ctx.proceed();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest(HEADER + " must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters");
        }
        String path = http.path();
        String hash = hash(http.method().name(), http.uri(), bodies(method, ctx.getParameters()));
        try {
            TransactionTimeout settings = method.getAnnotation(TransactionTimeout.class);
            int timeout = settings == null ? 0 : settings.seconds();
            var transaction = QuarkusTransaction.joiningExisting();
            return (timeout > 0 ? transaction.timeout(timeout) : transaction).call(() -> once(ctx, key, path, hash));
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Object once(InvocationContext ctx, String key, String path, String hash) throws Exception {
        String who = caller.name();
        int claimed = em.createNativeQuery("""
                        insert into idempotent_request (caller, idem_key, method, path, request_hash, status, created_at)
                        values (?1, ?2, ?3, ?4, ?5, 0, ?6) on conflict (caller, idem_key) do nothing""")
                .setParameter(1, who).setParameter(2, key).setParameter(3, http.method().name())
                .setParameter(4, path).setParameter(5, hash).setParameter(6, clock.instant())
                .executeUpdate();
        if (claimed == 0) {
            Object[] first = (Object[]) em.createNativeQuery("""
                            select request_hash, status, response_body, location from idempotent_request
                            where caller = ?1 and idem_key = ?2""")
                    .setParameter(1, who).setParameter(2, key).getSingleResult();
            if (!hash.equals(first[0])) {
                throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "the " + HEADER + " '" + key + "' was used before for a different request; use a new key");
            }
            state.replayed();
            return replay(ctx.getMethod(), ((Number) first[1]).intValue(), (String) first[2], (String) first[3]);
        }
        Object result = ctx.proceed();
        record(who, key, result);
        return result;
    }

    private void record(String who, String key, Object result) throws JsonProcessingException {
        int status;
        Object entity;
        String location = null;
        if (result instanceof Response r) {
            status = r.getStatus();
            entity = r.getEntity();
            location = r.getLocation() == null ? null : r.getLocation().toString();
        } else {
            status = result == null ? 204 : 200;
            entity = result;
        }
        if (status < 200 || status > 299) {
            // not a success: nothing to answer a retry with, which is judged again
            em.createNativeQuery("delete from idempotent_request where caller = ?1 and idem_key = ?2")
                    .setParameter(1, who).setParameter(2, key).executeUpdate();
            return;
        }
        String body = entity == null ? null : entity instanceof String s ? s : json.writeValueAsString(entity);
        em.createNativeQuery("""
                        update idempotent_request set status = ?3, response_body = ?4, location = ?5
                        where caller = ?1 and idem_key = ?2""")
                .setParameter(1, who).setParameter(2, key).setParameter(3, status).setParameter(4, body)
                .setParameter(5, location).executeUpdate();
    }

    private Object replay(Method method, int status, String body, String location) throws JsonProcessingException {
        if (Response.class.isAssignableFrom(method.getReturnType())) {
            Response.ResponseBuilder answer = Response.status(status);
            if (body != null) {
                answer.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
            }
            if (location != null) {
                answer.location(URI.create(location));
            }
            return answer.build();
        }
        if (method.getReturnType() == void.class || body == null) {
            return null;
        }
        Type type = method.getGenericReturnType();
        return json.readValue(body, json.getTypeFactory().constructType(type));
    }

    private String hash(String method, String uri, Object[] parameters) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((method + " " + uri + "\n").getBytes(StandardCharsets.UTF_8));
        for (Object p : parameters) {
            byte[] bytes = p == null ? new byte[0] : p instanceof byte[] b ? b
                    : p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : serialized(p);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The request body: the parameters that JAX-RS does not fill from the URI, headers or context (path and query
     * are in the URI, which is hashed whole).
     */
    static Object[] bodies(Method method, Object[] parameters) {
        Annotation[][] annotations = method.getParameterAnnotations();
        return IntStream.range(0, parameters.length)
                .filter(i -> Arrays.stream(annotations[i]).noneMatch(IdempotencyInterceptor::fromRequestContext))
                .mapToObj(i -> parameters[i])
                .toArray();
    }

    private static boolean fromRequestContext(Annotation annotation) {
        String type = annotation.annotationType().getName();
        return type.startsWith("jakarta.ws.rs.") || type.startsWith("org.jboss.resteasy.reactive.");
    }

    private byte[] serialized(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request body cannot be compared for " + HEADER, e);
        }
    }

    static boolean changesState(Method method) {
        return method.isAnnotationPresent(POST.class) || method.isAnnotationPresent(PUT.class)
                || method.isAnnotationPresent(PATCH.class) || method.isAnnotationPresent(DELETE.class);
    }

    private static boolean hasStream(Object[] parameters) {
        return Arrays.stream(parameters).anyMatch(p -> p instanceof InputStream);
    }
}
