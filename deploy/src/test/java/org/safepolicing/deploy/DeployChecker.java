package org.safepolicing.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.safepolicing.contracts.TopicSpec;

/**
 * Validates a rendered overlay. Every method returns the problems it found, one readable line each; an empty list
 * means the check passed. The tests assert empty lists on the real overlays and non-empty ones on broken copies.
 */
final class DeployChecker {

    static final Pattern PINNED = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    static final String PLACEHOLDER_DIGEST = "@sha256:" + "0".repeat(64);

    private final List<ObjectNode> docs;

    DeployChecker(List<ObjectNode> docs) {
        this.docs = docs;
    }

    List<ObjectNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    // ---------------------------------------------------------------- workloads

    /** Probes, resources and a restricted security context on every container of every Deployment. */
    List<String> deployments() {
        List<String> problems = new ArrayList<>();
        List<ObjectNode> deployments = ofKind("Deployment");
        if (deployments.isEmpty()) {
            problems.add("no Deployment rendered");
        }
        for (ObjectNode d : deployments) {
            String where = "Deployment " + name(d);
            JsonNode pod = d.path("spec").path("template").path("spec");
            JsonNode podSc = pod.path("securityContext");
            if (!pod.path("topologySpreadConstraints").isArray() || pod.path("topologySpreadConstraints").isEmpty()) {
                problems.add(where + ": no topologySpreadConstraints (replicas must spread across nodes)");
            }
            if (!pod.path("containers").isArray() || pod.path("containers").isEmpty()) {
                problems.add(where + ": no containers");
            }
            Set<String> emptyDirs = new HashSet<>();
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            }
            for (JsonNode c : pod.path("containers")) {
                String at = where + " container " + c.path("name").asText();
                probe(problems, at, c, "startupProbe", "/q/health/started");
                probe(problems, at, c, "livenessProbe", "/q/health/live");
                probe(problems, at, c, "readinessProbe", "/q/health/ready");
                for (String kind : List.of("requests", "limits")) {
                    for (String res : List.of("cpu", "memory")) {
                        if (c.path("resources").path(kind).path(res).asText("").isBlank()) {
                            problems.add(at + ": resources." + kind + "." + res + " missing");
                        }
                    }
                }
                JsonNode sc = c.path("securityContext");
                if (!sc.path("runAsNonRoot").asBoolean(podSc.path("runAsNonRoot").asBoolean(false))) {
                    problems.add(at + ": runAsNonRoot is not true");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(at + ": readOnlyRootFilesystem is not true");
                }
                if (!sc.has("allowPrivilegeEscalation") || sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(at + ": allowPrivilegeEscalation is not false");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    problems.add(at + ": privileged");
                }
                boolean dropsAll = false;
                for (JsonNode cap : sc.path("capabilities").path("drop")) {
                    dropsAll |= "ALL".equals(cap.asText());
                }
                if (!dropsAll) {
                    problems.add(at + ": capabilities.drop does not contain ALL");
                }
                if (!sc.path("capabilities").path("add").isMissingNode() && !sc.path("capabilities").path("add").isEmpty()) {
                    problems.add(at + ": adds capabilities " + sc.path("capabilities").path("add"));
                }
                String seccomp = sc.path("seccompProfile").path("type").asText(podSc.path("seccompProfile").path("type").asText(""));
                if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                    problems.add(at + ": seccompProfile is not RuntimeDefault");
                }
                boolean tmp = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    tmp |= "/tmp".equals(m.path("mountPath").asText()) && emptyDirs.contains(m.path("name").asText());
                }
                if (!tmp) {
                    problems.add(at + ": no emptyDir mounted at /tmp (the root filesystem is read-only)");
                }
            }
        }
        return problems;
    }

    private static void probe(List<String> problems, String at, JsonNode container, String probe, String path) {
        JsonNode p = container.path(probe);
        if (p.isMissingNode() || p.isNull()) {
            problems.add(at + ": no " + probe);
        } else if (!path.equals(p.path("httpGet").path("path").asText())) {
            problems.add(at + ": " + probe + " is not an HTTP GET of " + path);
        }
    }

    /** Every Deployment has a Service, a HorizontalPodAutoscaler and a PodDisruptionBudget. */
    List<String> companions() {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : ofKind("Deployment")) {
            String n = name(d);
            if (find("Service", n).isEmpty()) {
                problems.add("Deployment " + n + ": no Service");
            }
            boolean hpa = ofKind("HorizontalPodAutoscaler").stream().anyMatch(h ->
                    n.equals(h.path("spec").path("scaleTargetRef").path("name").asText()));
            if (!hpa) {
                problems.add("Deployment " + n + ": no HorizontalPodAutoscaler");
            }
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            boolean pdb = ofKind("PodDisruptionBudget").stream().anyMatch(p -> {
                JsonNode sel = p.path("spec").path("selector").path("matchLabels");
                if (sel.isEmpty()) {
                    return false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = sel.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                        return false;
                    }
                }
                return true;
            });
            if (!pdb) {
                problems.add("Deployment " + n + ": no PodDisruptionBudget selects its pods");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- images

    /** Every image (containers of any workload, and image fields of operators' resources) is pinned by digest. */
    List<String> images(boolean refusePlaceholders) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : docs) {
            walk(d, (key, value) -> {
                if ((key.equals("image") || key.equals("imageName")) && value.isTextual()) {
                    String image = value.asText();
                    if (!PINNED.matcher(image).matches()) {
                        problems.add(d.path("kind").asText() + " " + name(d) + ": image " + image + " is not pinned by digest (name@sha256:...)");
                    } else if (refusePlaceholders && image.endsWith(PLACEHOLDER_DIGEST)) {
                        problems.add(d.path("kind").asText() + " " + name(d) + ": image " + image + " still has the placeholder digest");
                    }
                }
            });
        }
        return problems;
    }

    // ---------------------------------------------------------------- Kafka

    /** A KafkaTopic for every topic of event-contracts, with its partitions, cleanup policy and retention; no extras. */
    List<String> topics(List<TopicSpec> contract, int replicas, int minIsr) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TopicSpec t : contract) {
            names.add(t.name());
            Optional<ObjectNode> found = ofKind("KafkaTopic").stream().filter(k -> t.name().equals(topicName(k))).findFirst();
            if (found.isEmpty()) {
                problems.add("topic " + t.name() + " (event-contracts Topics.ALL) has no KafkaTopic");
                continue;
            }
            JsonNode spec = found.get().path("spec");
            String where = "KafkaTopic " + t.name();
            if (spec.path("partitions").asInt(-1) != t.partitions()) {
                problems.add(where + ": partitions " + spec.path("partitions") + ", the contract says " + t.partitions());
            }
            if (spec.path("replicas").asInt(-1) != replicas) {
                problems.add(where + ": replicas " + spec.path("replicas") + ", expected " + replicas);
            }
            JsonNode config = spec.path("config");
            String cleanup = config.path("cleanup.policy").asText("delete");
            String expectedCleanup = t.compacted() ? "compact" : "delete";
            if (!expectedCleanup.equals(cleanup)) {
                problems.add(where + ": cleanup.policy " + cleanup + ", the contract says " + expectedCleanup);
            }
            if (!t.compacted()) {
                long expected = Optional.ofNullable(t.retention()).map(Duration::toMillis).orElse(-1L);
                long actual = config.path("retention.ms").asLong(Long.MIN_VALUE);
                if (actual != expected) {
                    problems.add(where + ": retention.ms " + (actual == Long.MIN_VALUE ? "unset" : actual) + ", the contract says " + expected);
                }
            }
            if (config.path("min.insync.replicas").asInt(-1) != minIsr) {
                problems.add(where + ": min.insync.replicas " + config.path("min.insync.replicas") + ", expected " + minIsr);
            }
            if (!"safe-policing".equals(found.get().path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add(where + ": no strimzi.io/cluster label");
            }
        }
        for (ObjectNode k : ofKind("KafkaTopic")) {
            if (!names.contains(topicName(k))) {
                problems.add("KafkaTopic " + topicName(k) + " is not a topic of event-contracts (add it to Topics.ALL first)");
            }
        }
        return problems;
    }

    static String topicName(JsonNode kafkaTopic) {
        return kafkaTopic.path("spec").path("topicName").asText(name(kafkaTopic));
    }

    /** The Kafka cluster: KRaft, broker count, replication, min in-sync replicas; authentication and ACLs on. */
    List<String> kafkaCluster(int brokers, int replication, int minIsr) {
        List<String> problems = new ArrayList<>();
        List<ObjectNode> kafkas = ofKind("Kafka");
        if (kafkas.size() != 1) {
            problems.add("expected one Kafka, found " + kafkas.size());
            return problems;
        }
        JsonNode kafka = kafkas.get(0).path("spec").path("kafka");
        int brokerNodes = 0;
        boolean controllers = false;
        for (ObjectNode pool : ofKind("KafkaNodePool")) {
            Set<String> roles = new HashSet<>();
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            if (roles.contains("broker")) {
                brokerNodes += pool.path("spec").path("replicas").asInt();
            }
            controllers |= roles.contains("controller");
        }
        if (!controllers) {
            problems.add("no KafkaNodePool with the controller role (KRaft)");
        }
        if (brokerNodes != brokers) {
            problems.add("brokers: " + brokerNodes + ", expected " + brokers);
        }
        JsonNode config = kafka.path("config");
        check(problems, config, "default.replication.factor", replication);
        check(problems, config, "offsets.topic.replication.factor", replication);
        check(problems, config, "transaction.state.log.replication.factor", replication);
        check(problems, config, "min.insync.replicas", minIsr);
        check(problems, config, "transaction.state.log.min.isr", minIsr);
        if (config.path("auto.create.topics.enable").asBoolean(true)) {
            problems.add("Kafka: auto.create.topics.enable is not false (topics come from KafkaTopics only)");
        }
        if (!"simple".equals(kafka.path("authorization").path("type").asText())) {
            problems.add("Kafka: authorization is not simple (ACLs)");
        }
        for (JsonNode l : kafka.path("listeners")) {
            if (l.path("authentication").isMissingNode() || !l.path("tls").asBoolean(false)) {
                problems.add("Kafka listener " + l.path("name").asText() + ": without TLS or authentication");
            }
        }
        return problems;
    }

    private static void check(List<String> problems, JsonNode config, String key, int expected) {
        if (config.path(key).asInt(-1) != expected) {
            problems.add("Kafka config " + key + ": " + config.path(key) + ", expected " + expected);
        }
    }

    /** Each service's KafkaUser grants what it does on Kafka and nothing more. */
    List<String> acls(Collection<KafkaUsage> usages) {
        List<String> problems = new ArrayList<>();
        for (KafkaUsage u : usages) {
            Optional<ObjectNode> user = find("KafkaUser", u.service());
            if (user.isEmpty()) {
                problems.add("service " + u.service() + " has no KafkaUser");
                continue;
            }
            List<Acl> acls = Acl.of(user.get());
            String where = "KafkaUser " + u.service();
            for (String t : u.writes()) {
                require(problems, where, acls, "topic", t, "Write", "writes");
            }
            for (String tx : u.transactionalIds()) {
                require(problems, where, acls, "transactionalId", tx, "Write", "its outbox relay uses transactional id");
            }
            for (String t : u.reads()) {
                require(problems, where, acls, "topic", t, "Read", "reads");
            }
            for (String g : u.groups()) {
                require(problems, where, acls, "group", g, "Read", "consumes in group");
            }
            for (Acl a : acls) {
                if (!"literal".equals(a.patternType()) || "*".equals(a.name())) {
                    problems.add(where + ": " + a + " is not a literal grant (least privilege)");
                }
                if ("topic".equals(a.type()) && a.operations().contains("Write") && !u.writes().contains(a.name())) {
                    problems.add(where + ": may write " + a.name() + ", which it does not own");
                }
                if ("topic".equals(a.type()) && a.operations().contains("Read") && !u.reads().contains(a.name())) {
                    problems.add(where + ": may read " + a.name() + ", which it does not consume");
                }
                if ("cluster".equals(a.type()) || a.operations().contains("All") || a.operations().contains("Delete")
                        || a.operations().contains("Alter") || a.operations().contains("AlterConfigs")) {
                    problems.add(where + ": " + a + " is broader than a service needs");
                }
            }
            JsonNode auth = user.get().path("spec").path("authentication").path("type");
            if (!auth.asText().startsWith("scram-sha-") && !"tls".equals(auth.asText())) {
                problems.add(where + ": authentication " + auth + " (expected scram-sha-512 or tls)");
            }
        }
        return problems;
    }

    private static void require(List<String> problems, String where, List<Acl> acls, String type, String name, String op,
                                String why) {
        if (acls.stream().noneMatch(a -> a.grants(type, name, op))) {
            problems.add(where + ": no " + op + " ACL on " + type + " " + name + " (the service " + why + " " + name + ")");
        }
    }

    record Acl(String type, String name, String patternType, Set<String> operations) {

        static List<Acl> of(JsonNode kafkaUser) {
            List<Acl> acls = new ArrayList<>();
            for (JsonNode a : kafkaUser.path("spec").path("authorization").path("acls")) {
                Set<String> ops = new LinkedHashSet<>();
                a.path("operations").forEach(o -> ops.add(o.asText()));
                if (a.has("operation")) {
                    ops.add(a.path("operation").asText());
                }
                JsonNode r = a.path("resource");
                acls.add(new Acl(r.path("type").asText(), r.path("name").asText(), r.path("patternType").asText("literal"), ops));
            }
            return acls;
        }

        boolean grants(String t, String n, String op) {
            boolean nameMatches = "*".equals(name) || ("prefix".equals(patternType) ? n.startsWith(name) : n.equals(name));
            return type.equals(t) && nameMatches && (operations.contains(op) || operations.contains("All"));
        }
    }

    // ---------------------------------------------------------------- secrets

    /** No Secret with data is rendered; every Secret referenced is produced by an operator or an ExternalSecret. */
    List<String> secrets() {
        List<String> problems = new ArrayList<>();
        for (ObjectNode s : ofKind("Secret")) {
            problems.add("Secret " + name(s) + " is rendered"
                    + (s.has("data") || s.has("stringData") ? " with literal data" : "")
                    + ": secrets come from operators or ExternalSecrets, never from this repository");
        }
        Set<String> produced = producedSecrets();
        for (ObjectNode d : docs) {
            for (String ref : referencedSecrets(d)) {
                if (!produced.contains(ref)) {
                    problems.add(d.path("kind").asText() + " " + name(d) + " references Secret " + ref
                            + ", which no operator resource or ExternalSecret in this overlay produces");
                }
            }
        }
        return problems;
    }

    /** Secrets that the rendered resources make operators create. */
    Set<String> producedSecrets() {
        Set<String> produced = new HashSet<>();
        for (ObjectNode c : ofKind("Cluster")) {
            if (c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
                for (String suffix : List.of("-app", "-ca", "-server", "-replication")) {
                    produced.add(name(c) + suffix);
                }
            }
        }
        ofKind("KafkaUser").forEach(u -> produced.add(name(u)));
        ofKind("Kafka").forEach(k -> {
            produced.add(name(k) + "-cluster-ca-cert");
            produced.add(name(k) + "-clients-ca-cert");
        });
        ofKind("Certificate").forEach(c -> produced.add(c.path("spec").path("secretName").asText()));
        ofKind("ExternalSecret").forEach(e -> produced.add(e.path("spec").path("target").path("name").asText(name(e))));
        return produced;
    }

    static Set<String> referencedSecrets(JsonNode doc) {
        Set<String> refs = new LinkedHashSet<>();
        walk(doc, (key, value) -> {
            switch (key) {
                case "secretKeyRef", "secretRef", "usernameSecret", "passwordSecret" -> {
                    if (value.has("name")) {
                        refs.add(value.path("name").asText());
                    }
                }
                case "secret" -> {
                    if (value.has("secretName")) {
                        refs.add(value.path("secretName").asText());
                    } else if (value.has("name")) {
                        refs.add(value.path("name").asText());
                    }
                }
                case "tlsSecret" -> {
                    if (value.isTextual()) {
                        refs.add(value.asText());
                    } else if (value.has("name")) {
                        refs.add(value.path("name").asText());
                    }
                }
                case "tls" -> {
                    if (value.isArray()) {
                        value.forEach(t -> {
                            if (t.has("secretName")) {
                                refs.add(t.path("secretName").asText());
                            }
                        });
                    }
                }
                case "accessKeyId", "secretAccessKey" -> {
                    if (value.has("name")) {
                        refs.add(value.path("name").asText());
                    }
                }
                case "imagePullSecrets" -> value.forEach(s -> refs.add(s.path("name").asText()));
                default -> {
                }
            }
        });
        // a CA issuer's own secret and the Certificate's own output are produced, not consumed
        if ("Certificate".equals(doc.path("kind").asText())) {
            refs.clear();
        }
        return refs;
    }

    // ---------------------------------------------------------------- database roles

    /** The runtime role of a service is named after its database, as locally (credentialing_runtime, ...). */
    static final String RUNTIME_ROLE_SUFFIX = "_runtime";

    /** What CloudNativePG requires of a managed role's password Secret, and the label that applies a change at once. */
    static final String BASIC_AUTH = "kubernetes.io/basic-auth";
    static final String CNPG_RELOAD = "cnpg.io/reload";

    /**
     * Two database roles per service (issue 16, "the audit table cannot be switched off by the service itself"):
     * Flyway migrates as the cluster's owner (CloudNativePG's generated {@code <cluster>-app}); the service's requests
     * run as {@code <database>_runtime}, which its Cluster declares as a managed role that logs in and has no
     * superuser, createdb, createrole, replication, bypassrls or memberships, with a password Secret that an
     * ExternalSecret makes of type basic-auth, username the role, label cnpg.io/reload; the service's datasource
     * credentials come from that very Secret, and no Deployment's datasource credentials come from an owner's Secret.
     *
     * @param serviceDatabases each service and its CloudNativePG cluster
     */
    List<String> databaseRoles(Map<String, String> serviceDatabases) {
        List<String> problems = new ArrayList<>();
        Set<String> ownerSecrets = new HashSet<>();
        for (ObjectNode c : ofKind("Cluster")) {
            if (c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
                ownerSecrets.add(name(c) + "-app");
            }
        }
        for (var e : new java.util.TreeMap<>(serviceDatabases).entrySet()) {
            String service = e.getKey();
            String cluster = e.getValue();
            Optional<ObjectNode> found = find("Cluster", cluster);
            if (found.isEmpty()) {
                problems.add("service " + service + ": no Cluster " + cluster);
                continue;
            }
            String where = "Cluster " + cluster;
            JsonNode bootstrap = found.get().path("spec").path("bootstrap");
            JsonNode boot = bootstrap.has("initdb") ? bootstrap.path("initdb") : bootstrap.path("recovery");
            String database = boot.path("database").asText();
            String owner = boot.path("owner").asText(database);
            String role = database + RUNTIME_ROLE_SUFFIX;
            String runtimeSecret = "";
            List<JsonNode> declared = new ArrayList<>();
            found.get().path("spec").path("managed").path("roles").forEach(r -> {
                if (role.equals(r.path("name").asText())) {
                    declared.add(r);
                }
            });
            if (declared.size() != 1) {
                problems.add(where + ": " + (declared.isEmpty() ? "no" : declared.size()) + " managed role " + role
                        + " (spec.managed.roles): the service's runtime role must be declared once, so that it exists and logs in");
            } else {
                JsonNode r = declared.get(0);
                if (role.equals(owner)) {
                    problems.add(where + ": the runtime role " + role + " is the database owner");
                }
                if (!"present".equals(r.path("ensure").asText("present"))) {
                    problems.add(where + ": managed role " + role + " is not ensure: present");
                }
                if (!r.path("login").asBoolean(false)) {
                    problems.add(where + ": managed role " + role + " cannot log in (login: true)");
                }
                for (String attribute : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
                    if (r.path(attribute).asBoolean(false)) {
                        problems.add(where + ": managed role " + role + " has " + attribute + " (the runtime role has no such right)");
                    }
                }
                if (!r.path("inRoles").isEmpty()) {
                    problems.add(where + ": managed role " + role + " is a member of " + r.path("inRoles")
                            + " (its rights are the grants the owner gives it after each migration, nothing more)");
                }
                runtimeSecret = r.path("passwordSecret").path("name").asText("");
                if (runtimeSecret.isBlank()) {
                    problems.add(where + ": managed role " + role + " has no passwordSecret (it would have no password and could not log in)");
                } else if (ownerSecrets.contains(runtimeSecret)) {
                    problems.add(where + ": managed role " + role + " takes its password from the owner's Secret " + runtimeSecret);
                } else {
                    runtimeSecretSource(problems, runtimeSecret, role);
                }
            }
            Optional<ObjectNode> deployment = find("Deployment", service);
            if (deployment.isEmpty()) {
                problems.add("service " + service + ": no Deployment");
                continue;
            }
            Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
            deployment.get().path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> c.path("env").forEach(v -> env.put(v.path("name").asText(), v)));
            String at = "Deployment " + service;
            String runtime = runtimeSecret.isBlank() ? "the runtime role's passwordSecret" : runtimeSecret;
            fromSecret(problems, at, env, "QUARKUS_FLYWAY_USERNAME", cluster + "-app", "username", "Flyway migrates as the owner");
            fromSecret(problems, at, env, "QUARKUS_FLYWAY_PASSWORD", cluster + "-app", "password", "Flyway migrates as the owner");
            fromSecret(problems, at, env, "QUARKUS_DATASOURCE_USERNAME", runtime, "username", "the service runs as " + role);
            fromSecret(problems, at, env, "QUARKUS_DATASOURCE_PASSWORD", runtime, "password", "the service runs as " + role);
        }
        for (ObjectNode d : ofKind("Deployment")) {
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode v : c.path("env")) {
                    String secret = v.path("valueFrom").path("secretKeyRef").path("name").asText("");
                    if (v.path("name").asText().startsWith("QUARKUS_DATASOURCE_") && ownerSecrets.contains(secret)) {
                        problems.add("Deployment " + name(d) + ": " + v.path("name").asText() + " from the owner's Secret " + secret
                                + " (the service would run as the owner, which may alter or switch off audit_entry)");
                    }
                }
                for (JsonNode from : c.path("envFrom")) {
                    String secret = from.path("secretRef").path("name").asText("");
                    if (ownerSecrets.contains(secret)) {
                        problems.add("Deployment " + name(d) + ": envFrom the owner's Secret " + secret);
                    }
                }
            }
        }
        return problems;
    }

    /** The runtime role's password Secret is made by an ExternalSecret the way CloudNativePG needs it. */
    private void runtimeSecretSource(List<String> problems, String secret, String role) {
        Optional<ObjectNode> source = ofKind("ExternalSecret").stream()
                .filter(x -> secret.equals(x.path("spec").path("target").path("name").asText(name(x)))).findFirst();
        if (source.isEmpty()) {
            problems.add("Secret " + secret + " (password of " + role + "): no ExternalSecret produces it");
            return;
        }
        String where = "ExternalSecret " + name(source.get());
        JsonNode template = source.get().path("spec").path("target").path("template");
        if (!BASIC_AUTH.equals(template.path("type").asText())) {
            problems.add(where + ": the Secret's type is " + template.path("type") + ", CloudNativePG needs " + BASIC_AUTH);
        }
        if (!"true".equals(template.path("metadata").path("labels").path(CNPG_RELOAD).asText())) {
            problems.add(where + ": the Secret lacks the label " + CNPG_RELOAD + ": \"true\" (a changed password would wait"
                    + " for a later reconciliation)");
        }
        if (!role.equals(template.path("data").path("username").asText())) {
            problems.add(where + ": username " + template.path("data").path("username") + ", expected the role " + role);
        }
        if (template.path("data").path("password").asText("").isBlank()) {
            problems.add(where + ": no password in the Secret's template");
        }
    }

    private static void fromSecret(List<String> problems, String at, Map<String, JsonNode> env, String variable, String secret,
                                   String key, String why) {
        JsonNode v = env.get(variable);
        if (v == null) {
            problems.add(at + ": no " + variable + " (" + why + ", Secret " + secret + ")");
            return;
        }
        JsonNode ref = v.path("valueFrom").path("secretKeyRef");
        if (v.has("value") || ref.isMissingNode()) {
            problems.add(at + ": " + variable + " does not come from a Secret (" + why + ", Secret " + secret + ")");
        } else if (!secret.equals(ref.path("name").asText()) || !key.equals(ref.path("key").asText())) {
            problems.add(at + ": " + variable + " from Secret " + ref.path("name").asText() + " key " + ref.path("key").asText()
                    + ", expected " + secret + " key " + key + " (" + why + ")");
        }
    }

    // ---------------------------------------------------------------- network policies

    /** Default deny, and each service's egress reaches only its database, Kafka and Keycloak. */
    List<String> networkPolicies(Map<String, String> serviceDatabases) {
        List<String> problems = new ArrayList<>();
        boolean defaultDeny = ofKind("NetworkPolicy").stream().anyMatch(p -> {
            JsonNode spec = p.path("spec");
            Set<String> types = new HashSet<>();
            spec.path("policyTypes").forEach(t -> types.add(t.asText()));
            return spec.path("podSelector").isEmpty() && types.containsAll(Set.of("Ingress", "Egress"))
                    && spec.path("ingress").isMissingNode() && spec.path("egress").isMissingNode();
        });
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (var e : serviceDatabases.entrySet()) {
            String service = e.getKey();
            Optional<ObjectNode> policy = find("NetworkPolicy", service);
            if (policy.isEmpty()) {
                problems.add("service " + service + " has no NetworkPolicy named after it");
                continue;
            }
            Set<String> allowed = Set.of("cnpg.io/cluster=" + e.getValue(), "strimzi.io/cluster=safe-policing", "app=keycloak");
            for (JsonNode rule : policy.get().path("spec").path("egress")) {
                for (JsonNode to : rule.path("to")) {
                    Set<String> labels = to.path("podSelector").path("matchLabels").properties().stream()
                            .map(x -> x.getKey() + "=" + x.getValue().asText()).collect(Collectors.toSet());
                    if (to.has("namespaceSelector") || to.has("ipBlock") || labels.stream().noneMatch(allowed::contains)) {
                        problems.add("NetworkPolicy " + service + ": egress to " + to + " (only its database, Kafka and Keycloak)");
                    }
                }
                if (!rule.has("to")) {
                    problems.add("NetworkPolicy " + service + ": an egress rule without destination (allows everything)");
                }
            }
        }
        return problems;
    }

    /**
     * The portal's traffic: its own policy admits the ingress controller only, on its HTTP port, and lets it reach
     * only the services' HTTP ports and Keycloak (8443); each service's policy, and Keycloak's, admit the portal.
     *
     * @param servicePorts each service and the HTTP port of its pods
     */
    List<String> portalNetworkPolicies(String portal, int portalPort, Map<String, Integer> servicePorts) {
        List<String> problems = new ArrayList<>();
        Optional<ObjectNode> found = find("NetworkPolicy", portal);
        if (found.isEmpty()) {
            return List.of(portal + " has no NetworkPolicy named after it");
        }
        String where = "NetworkPolicy " + portal;
        JsonNode spec = found.get().path("spec");
        Set<String> types = new HashSet<>();
        spec.path("policyTypes").forEach(t -> types.add(t.asText()));
        if (!types.containsAll(Set.of("Ingress", "Egress"))) {
            problems.add(where + ": policyTypes " + types + " (Ingress and Egress)");
        }
        if (spec.path("ingress").isEmpty()) {
            problems.add(where + ": no ingress rule (the ingress controller must reach the portal)");
        }
        for (JsonNode rule : spec.path("ingress")) {
            if (!rule.has("from") || rule.path("from").isEmpty()) {
                problems.add(where + ": an ingress rule without source (admits everything)");
            }
            for (JsonNode from : rule.path("from")) {
                boolean ingressController = from.size() == 1
                        && "ingress-nginx".equals(from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                        && from.path("namespaceSelector").path("matchLabels").size() == 1;
                if (!ingressController) {
                    problems.add(where + ": ingress from " + from + " (only the ingress controller)");
                }
            }
            if (!ports(rule).equals(Set.of(portalPort))) {
                problems.add(where + ": ingress on ports " + ports(rule) + ", expected only " + portalPort);
            }
        }
        Set<String> reached = new HashSet<>();
        for (JsonNode rule : spec.path("egress")) {
            if (!rule.has("to") || rule.path("to").isEmpty()) {
                problems.add(where + ": an egress rule without destination (allows everything)");
                continue;
            }
            for (JsonNode to : rule.path("to")) {
                JsonNode labels = to.path("podSelector").path("matchLabels");
                String service = labels.path("app.kubernetes.io/name").asText();
                Integer expectedPort = null;
                if (to.size() == 1 && labels.size() == 1 && "keycloak".equals(labels.path("app").asText())) {
                    expectedPort = 8443;
                    reached.add("keycloak");
                } else if (to.size() == 1 && labels.size() == 1 && servicePorts.containsKey(service)) {
                    expectedPort = servicePorts.get(service);
                    reached.add(service);
                } else {
                    problems.add(where + ": egress to " + to + " (only the services and Keycloak)");
                }
                if (expectedPort != null && !ports(rule).equals(Set.of(expectedPort))) {
                    problems.add(where + ": egress to " + to + " on ports " + ports(rule) + ", expected only " + expectedPort);
                }
            }
        }
        for (String target : new java.util.TreeSet<>(concat(servicePorts.keySet(), "keycloak"))) {
            if (!reached.contains(target)) {
                problems.add(where + ": no egress to " + target);
            }
        }
        for (var e : servicePorts.entrySet()) {
            if (!admits(e.getKey(), "app.kubernetes.io/name", portal, e.getValue())) {
                problems.add("NetworkPolicy " + e.getKey() + " does not admit " + portal + " on port " + e.getValue());
            }
        }
        if (!admits("keycloak", "app.kubernetes.io/name", portal, 8443)) {
            problems.add("NetworkPolicy keycloak does not admit " + portal + " on port 8443");
        }
        return problems;
    }

    private static Set<String> concat(Set<String> set, String more) {
        Set<String> all = new HashSet<>(set);
        all.add(more);
        return all;
    }

    private static Set<Integer> ports(JsonNode rule) {
        Set<Integer> ports = new HashSet<>();
        rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
        return ports;
    }

    /** Whether the NetworkPolicy {@code policy} has an ingress rule admitting pods labelled key=value on port. */
    boolean admits(String policy, String key, String value, int port) {
        Optional<ObjectNode> p = find("NetworkPolicy", policy);
        if (p.isEmpty()) {
            return false;
        }
        for (JsonNode rule : p.get().path("spec").path("ingress")) {
            boolean onPort = !rule.has("ports") || ports(rule).contains(port);
            for (JsonNode from : rule.path("from")) {
                JsonNode labels = from.path("podSelector").path("matchLabels");
                if (onPort && !from.has("namespaceSelector") && labels.size() == 1 && value.equals(labels.path(key).asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- ingresses

    static final String DENYLIST = "nginx.ingress.kubernetes.io/denylist-source-range";

    /**
     * Every public host has TLS; Quarkus' own paths (/q/: health, metrics) are never public: an Ingress that routes
     * "/" needs an Ingress of the same host that refuses /q/ to every address, and no other Ingress routes /q/.
     */
    List<String> ingresses() {
        List<String> problems = new ArrayList<>();
        Set<String> qRefused = new HashSet<>();
        for (ObjectNode i : ofKind("Ingress")) {
            String denied = i.path("metadata").path("annotations").path(DENYLIST).asText("");
            Set<String> ranges = new HashSet<>(List.of(denied.replace(" ", "").split(",")));
            boolean refusesAll = ranges.containsAll(Set.of("0.0.0.0/0", "::/0"));
            for (JsonNode rule : i.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String p = path.path("path").asText();
                    if ("/q".equals(p) || p.startsWith("/q/")) {
                        if (refusesAll) {
                            qRefused.add(rule.path("host").asText());
                        } else {
                            problems.add("Ingress " + name(i) + ": routes " + p + " (health and metrics stay inside)");
                        }
                    }
                }
            }
        }
        for (ObjectNode i : ofKind("Ingress")) {
            Set<String> tlsHosts = new HashSet<>();
            for (JsonNode tls : i.path("spec").path("tls")) {
                if (!tls.path("secretName").asText().isBlank()) {
                    tls.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
                }
            }
            for (JsonNode rule : i.path("spec").path("rules")) {
                String host = rule.path("host").asText();
                if (host.isBlank() || !tlsHosts.contains(host)) {
                    problems.add("Ingress " + name(i) + ": host '" + host + "' without TLS");
                }
                for (JsonNode path : rule.path("http").path("paths")) {
                    String p = path.path("path").asText("/");
                    if (("/".equals(p) || p.isEmpty()) && !qRefused.contains(host)) {
                        problems.add("Ingress " + name(i) + ": routes / of " + host + " and nothing refuses /q/ there"
                                + " (an Ingress of the same host with path /q/ and " + DENYLIST + ": 0.0.0.0/0,::/0)");
                    }
                }
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- second factor (step-up)

    /** The four services: their resources of officer-level data require the realm's second factor. */
    static final List<String> STEP_UP_SERVICES = List.of("credentialing-service", "records-service", "coresponder-service",
            "grants-service");
    /** The clients whose access tokens carry the safe-policing-api audience, so reach the services. */
    static final List<String> API_CLIENTS = List.of("safe-policing-cli", "safe-policing-portal");
    static final String ACCEPTED_ACR = "PLATFORM_STEP_UP_ACCEPTED_ACR";
    static final String LOA_CONDITION = "conditional-level-of-authentication";
    static final String OTP_FORM = "auth-otp-form";

    /**
     * Issue 16 Sec. 4, second factor for officer-level data: the imported realm maps acr names to levels of
     * authentication (realm attribute acr.loa.map) with a level of 2 or more; its browser flow reaches that level only
     * through a conditional subflow whose Condition - Level of Authentication names it and whose OTP Form is required;
     * the API clients' access tokens carry acr (the default client scope acr); and each service accepts the acr of that
     * top level (PLATFORM_STEP_UP_ACCEPTED_ACR in its ConfigMap), and no lower one.
     */
    List<String> secondFactor() {
        List<String> problems = new ArrayList<>();
        Optional<ObjectNode> imported = find("KeycloakRealmImport", "safe-policing");
        if (imported.isEmpty()) {
            return List.of("no KeycloakRealmImport safe-policing");
        }
        JsonNode realm = imported.get().path("spec").path("realm");
        Map<String, Integer> loa = new java.util.TreeMap<>();
        String loaMap = realm.path("attributes").path("acr.loa.map").asText("");
        try {
            if (!loaMap.isBlank()) {
                Repo.JSON.readTree(loaMap).properties().forEach(e -> loa.put(e.getKey(), e.getValue().asInt(-1)));
            }
        } catch (java.io.IOException e) {
            problems.add("realm: acr.loa.map is not JSON: " + loaMap);
        }
        int top = loa.values().stream().max(Integer::compare).orElse(-1);
        Set<String> topAcr = loa.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (top < 2) {
            problems.add("realm: acr.loa.map maps no acr to level 2 or more (the second factor): '" + loaMap + "'");
        }
        Set<String> lower = loa.entrySet().stream().filter(e -> e.getValue() < top).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        // the browser flow: the level-2 condition and a required OTP Form in the same conditional subflow
        Map<String, JsonNode> flows = new java.util.HashMap<>();
        realm.path("authenticationFlows").forEach(f -> flows.put(f.path("alias").asText(), f));
        Map<String, String> levels = new java.util.HashMap<>();
        realm.path("authenticatorConfig").forEach(c -> levels.put(c.path("alias").asText(),
                c.path("config").path("loa-condition-level").asText()));
        String browser = realm.path("browserFlow").asText("");
        if (!flows.containsKey(browser) || !flows.get(browser).path("topLevel").asBoolean()) {
            problems.add("realm: the browser flow '" + browser + "' is not a top-level flow of the realm file (the built-in"
                    + " browser flow has no levels of authentication)");
        } else if (top >= 2) {
            Set<Integer> otpLevels = new java.util.TreeSet<>();
            Set<String> seen = new HashSet<>();
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(browser));
            while (!todo.isEmpty()) {
                String alias = todo.pop();
                if (!seen.add(alias) || !flows.containsKey(alias)) {
                    continue;
                }
                Integer level = null;
                boolean otp = false;
                for (JsonNode e : flows.get(alias).path("authenticationExecutions")) {
                    String requirement = e.path("requirement").asText();
                    if (e.path("authenticatorFlow").asBoolean()) {
                        if (!"DISABLED".equals(requirement)) {
                            todo.push(e.path("flowAlias").asText());
                        }
                    } else if (LOA_CONDITION.equals(e.path("authenticator").asText()) && "REQUIRED".equals(requirement)) {
                        String l = levels.getOrDefault(e.path("authenticatorConfig").asText(), "");
                        level = l.matches("[0-9]+") ? Integer.valueOf(l) : null;
                    } else if (OTP_FORM.equals(e.path("authenticator").asText()) && "REQUIRED".equals(requirement)) {
                        otp = true;
                    }
                }
                if (level != null && otp) {
                    otpLevels.add(level);
                }
            }
            if (!otpLevels.contains(top)) {
                problems.add("realm: the browser flow '" + browser + "' has no conditional subflow of level " + top + " "
                        + topAcr + " whose OTP Form is required");
            }
        }
        // the acr claim in the API clients' access tokens
        boolean defaultScopes = realm.path("clientScopes").isMissingNode();
        JsonNode acrScope = null;
        for (JsonNode s : realm.path("clientScopes")) {
            if ("acr".equals(s.path("name").asText())) {
                acrScope = s;
            }
        }
        boolean acrMapped = defaultScopes;
        if (acrScope != null) {
            for (JsonNode m : acrScope.path("protocolMappers")) {
                acrMapped |= "oidc-acr-mapper".equals(m.path("protocolMapper").asText())
                        && m.path("config").path("access.token.claim").asBoolean(false);
            }
        }
        if (!acrMapped) {
            problems.add("realm: the client scope acr puts no acr claim into access tokens");
        }
        for (String clientId : API_CLIENTS) {
            JsonNode client = null;
            for (JsonNode c : realm.path("clients")) {
                if (clientId.equals(c.path("clientId").asText())) {
                    client = c;
                }
            }
            if (client == null) {
                problems.add("realm: no client " + clientId);
                continue;
            }
            Set<String> scopes = new HashSet<>();
            client.path("defaultClientScopes").forEach(s -> scopes.add(s.asText()));
            if (!scopes.contains("acr")) {
                problems.add("realm: client " + clientId + ": acr is not a default client scope (its tokens carry no acr)");
            }
            if (client.path("attributes").has("acr.loa.map")) {
                problems.add("realm: client " + clientId + ": its own acr.loa.map overrides the realm's");
            }
        }
        // each service accepts the top level's acr, and no lower level's
        for (String service : STEP_UP_SERVICES) {
            Optional<ObjectNode> deployment = find("Deployment", service);
            if (deployment.isEmpty()) {
                problems.add(service + ": no Deployment");
                continue;
            }
            Set<String> accepted = new java.util.TreeSet<>();
            for (JsonNode c : deployment.get().path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode from : c.path("envFrom")) {
                    find("ConfigMap", from.path("configMapRef").path("name").asText()).ifPresent(cm -> {
                        String v = cm.path("data").path(ACCEPTED_ACR).asText("");
                        for (String a : v.split(",")) {
                            if (!a.isBlank()) {
                                accepted.add(a.strip());
                            }
                        }
                    });
                }
                for (JsonNode env : c.path("env")) {
                    if (ACCEPTED_ACR.equals(env.path("name").asText())) {
                        accepted.clear();
                        for (String a : env.path("value").asText("").split(",")) {
                            if (!a.isBlank()) {
                                accepted.add(a.strip());
                            }
                        }
                    }
                }
            }
            if (accepted.isEmpty() || topAcr.isEmpty() || !accepted.stream().allMatch(topAcr::contains)) {
                Set<String> low = accepted.stream().filter(lower::contains).collect(Collectors.toCollection(java.util.TreeSet::new));
                problems.add(service + ": " + ACCEPTED_ACR + " is " + accepted + ", not the realm's second-factor level "
                        + topAcr + (low.isEmpty() ? "" : " (" + low + " is a lower level)"));
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- tree walk

    interface Visitor {
        void visit(String key, JsonNode value);
    }

    static void walk(JsonNode node, Visitor visitor) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                visitor.visit(e.getKey(), e.getValue());
                walk(e.getValue(), visitor);
            });
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, visitor));
        }
    }
}
