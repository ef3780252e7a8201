package org.safepolicing.stack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside the launcher's JVM. Its log segments and
 * metadata live in {@code <data-dir>/logs}, its configuration is written to {@code <data-dir>/server.properties} at each
 * start, its own log goes to {@code <data-dir>/broker.log}. Storage is formatted on the first start only (when
 * {@code logs/meta.properties} is absent), so a restart keeps topics and messages. Every topic of
 * {@link Topics#ALL} is created when missing; existing topics are left alone.
 */
final class KafkaServer implements Launcher.Server {

    private static final Logger LOG = LogManager.getLogger(KafkaServer.class);
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private volatile KafkaRaftServer server;
    private volatile boolean stopRequested;

    KafkaServer(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.logDir = dataDir.resolve("logs");
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    Properties config() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a crash the restarted controller still holds the dead broker's registration and refuses the new one
        // until that session times out (9 s by default): keep the wait short on this one-node, loopback-only cluster.
        p.setProperty("broker.session.timeout.ms", "3000");
        p.setProperty("broker.heartbeat.interval.ms", "500");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.setProperty("num.recovery.threads.per.data.dir", "2");
        return p;
    }

    @Override
    public void start() throws Exception {
        Files2.requireFreePort(port, "the Kafka");
        Files2.requireFreePort(controllerPort, "the Kafka controller");
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
            throw new StartupException("the data dir " + dataDir + " is not a writable folder");
        }
        Properties config = config();
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "written by org.safepolicing.stack.Launcher at each start; edits are overwritten");
        }
        if (!Files.isRegularFile(logDir.resolve("meta.properties"))) {
            format(configFile);
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        if (stopRequested) {
            throw new StartupException("stopped while starting");
        }
        server = raftServer;
        try {
            raftServer.startup();
            createMissingTopics();
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    /**
     * Formats the log dir with a new cluster id, through the same code as {@code kafka-storage.sh format}:
     * {@link StorageTool#execute} returns an exit code (or throws) and never exits the JVM, unlike its main.
     */
    private void format(Path configFile) throws StartupException {
        String clusterId = Uuid.randomUuid().toString();
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "--config", configFile.toString(),
                    "--cluster-id", clusterId}, print);
        } catch (Exception e) { // FormatterException, TerseFailure
            throw new StartupException("formatting the Kafka storage in " + logDir + " failed: " + e.getMessage(), e);
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        if (code != 0) {
            throw new StartupException("formatting the Kafka storage in " + logDir + " failed (exit code " + code
                    + "): " + text);
        }
        LOG.info("formatted {} for the new cluster {}", logDir, clusterId);
    }

    private void createMissingTopics() throws Exception {
        Map<String, Object> adminConfig = new HashMap<>();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address());
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-launcher");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        try (Admin admin = Admin.create(adminConfig)) {
            retryUntil(deadline, "the broker to answer", () -> {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return true;
            });
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(KafkaServer::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
                    try {
                        created.getValue().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new StartupException("creating the topic " + created.getKey() + " failed: "
                                    + e.getCause(), e.getCause());
                        }
                    }
                }
                LOG.info("created {} topics: {}", missing.size(), missing.stream().map(NewTopic::name).toList());
            }
            List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
            retryUntil(deadline, "every partition of the topics to have a leader", () -> {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                return described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
            });
        }
    }

    static NewTopic newTopic(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", spec.compacted() ? "compact" : "delete");
        configs.put("retention.ms", spec.retention() == null ? "-1" : Long.toString(spec.retention().toMillis()));
        return new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configs);
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private void retryUntil(long deadline, String what, Check check) throws StartupException {
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (stopRequested) {
                throw new StartupException("stopped while waiting for " + what);
            }
            try {
                if (check.done()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for " + what);
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new StartupException("gave up waiting for " + what + " after "
                + TimeUnit.NANOSECONDS.toSeconds(READY_TIMEOUT_NANOS) + " s" + (last == null ? "" : ": " + last)
                + "; see " + dataDir.resolve("broker.log"));
    }

    @Override
    public void stop() {
        stopRequested = true;
        KafkaRaftServer running = server;
        if (running == null) {
            return;
        }
        synchronized (this) {
            if (server == null) {
                return;
            }
            try {
                running.shutdown();
                running.awaitShutdown();
            } finally {
                server = null;
            }
        }
    }

    @Override
    public void awaitExit() throws InterruptedException {
        KafkaRaftServer running = server;
        if (running != null) {
            running.awaitShutdown();
        }
    }
}
