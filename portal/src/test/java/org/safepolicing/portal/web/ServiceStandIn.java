package org.safepolicing.portal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for one of the suite's services over real HTTP, for the portal's page tests: it answers each method and
 * path with the JSON (or problem+json) the test gives it, in the service's own shape, and keeps every request the
 * portal sent (its bearer token, Idempotency-Key, content type and body) for the test to check. The services' rules
 * are tested in the services; here the portal's pages and forms are.
 */
public final class ServiceStandIn {

    /** One request as the portal sent it. */
    public record Sent(String method, String path, String query, String authorization, String idempotencyKey,
                       String contentType, String body) {
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    public ServiceStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            sent.add(new Sent(method, path, exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = answers.getOrDefault(method + " " + path, new Answer(404, "application/problem+json",
                    "{\"type\":\"urn:safe-policing:problem:not-found\",\"title\":\"Not found\",\"status\":404}",
                    Map.of()));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} with {@code status} and this JSON from now on. */
    public ServiceStandIn answer(String method, String path, int status, String json) {
        return answer(method, path, status, json, Map.of());
    }

    /** Answers {@code method path} with {@code status}, this JSON and these headers (e.g. WWW-Authenticate) from now on. */
    public ServiceStandIn answer(String method, String path, int status, String json, Map<String, String> headers) {
        answers.put(method + " " + path, new Answer(status, status >= 400 ? "application/problem+json"
                : "application/json", json, Map.copyOf(headers)));
        return this;
    }

    /** The requests sent to {@code method path}, oldest first. */
    public List<Sent> sent(String method, String path) {
        return sent.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }

    /** Forgets the requests and answers so far. */
    public void reset() {
        sent.clear();
        answers.clear();
    }
}
