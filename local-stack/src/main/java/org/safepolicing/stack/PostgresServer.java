package org.safepolicing.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A PostgreSQL server in {@code <data-dir>/pgdata}, with its output in {@code <data-dir>/postgres.log}.
 *
 * <p>PostgreSQL refuses to run as root. When the launcher runs as root (CI, containers), initdb, postgres and pg_ctl
 * run as the user {@code nobody} (uid/gid 65534) through {@code setpriv}: the cluster folder then belongs to nobody,
 * and the data dir with all its parents must be traversable by others.
 */
final class PostgresServer implements Launcher.Server {

    static final int NOBODY = 65534;
    private static final Logger LOG = LogManager.getLogger(PostgresServer.class);
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);

    private final Path dataDir;
    private final Path pgData;
    private final Path logFile;
    private final int port;
    private final List<String> databases;
    private final boolean ephemeral;
    private final boolean root = currentUid() == 0;

    private Path binaries;
    private long logStart;
    private volatile Process postmaster;
    private volatile boolean stopRequested;

    PostgresServer(Path dataDir, int port, List<String> databases, boolean ephemeral) {
        this.dataDir = dataDir;
        this.pgData = dataDir.resolve("pgdata");
        this.logFile = dataDir.resolve("postgres.log");
        this.port = port;
        this.databases = databases;
        this.ephemeral = ephemeral;
    }

    @Override
    public String address() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/";
    }

    @Override
    public void start() throws Exception {
        logStart = Files2.size(logFile);
        Files2.requireFreePort(port, "the PostgreSQL");
        if (root && findSetpriv() == null) {
            throw new StartupException("the launcher runs as root, and PostgreSQL refuses to; it would run as nobody"
                    + " through setpriv (util-linux), which is not installed");
        }
        binaries = PgBinaries.prepare();
        if (root) {
            requireReachable(binaries, "the PostgreSQL binaries folder (java.io.tmpdir)");
            requireReachable(dataDir, "the data dir");
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataDir);
            if (!mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                mode.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dataDir, mode);
            }
        }
        if (!Files.isRegularFile(pgData.resolve("PG_VERSION"))) {
            initdb();
        } else {
            adoptExistingCluster();
        }
        startPostmaster();
        try {
            awaitAcceptingConnections();
            for (String database : databases) {
                createDatabaseIfMissing(database);
            }
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    private void initdb() throws IOException, InterruptedException, StartupException {
        Files2.deleteRecursively(pgData); // a half-made cluster from an interrupted first start holds no data
        Files.createDirectories(pgData);
        PgBinaries.setMode(pgData, "rwx------");
        if (root) {
            chownToNobody(pgData);
        }
        List<String> command = new ArrayList<>(List.of(bin("initdb"), "-D", pgData.toString(), "-A", "trust",
                "-U", "postgres", "-E", "UTF-8", "--locale=C"));
        if (ephemeral) {
            command.add("--no-sync");
        }
        LOG.info("creating a PostgreSQL cluster in {}", pgData);
        Process initdb = spawn(asServerUser(command, false));
        if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
            initdb.destroyForcibly();
            throw new StartupException("initdb did not finish within 120 s; see " + logFile);
        }
        if (initdb.exitValue() != 0) {
            throw new StartupException("initdb failed with exit code " + initdb.exitValue() + ": "
                    + recentLog());
        }
    }

    /** A cluster made by an earlier run: make sure the user that runs PostgreSQL now owns it. */
    private void adoptExistingCluster() throws IOException, StartupException {
        int owner = (Integer) Files.getAttribute(pgData, "unix:uid");
        if (root && owner != NOBODY) {
            LOG.info("handing {} (owned by uid {}) to nobody", pgData, owner);
            chownToNobody(pgData);
        } else if (!root && owner != currentUid()) {
            throw new StartupException("the PostgreSQL cluster " + pgData + " belongs to uid " + owner
                    + " (made when the launcher ran as " + (owner == NOBODY ? "root" : "another user")
                    + "), so PostgreSQL cannot run on it as uid " + currentUid()
                    + "; delete the data dir or run the launcher as that user");
        }
        PgBinaries.setMode(pgData, "rwx------");
    }

    private void startPostmaster() throws IOException, StartupException {
        List<String> command = new ArrayList<>(List.of(bin("postgres"), "-D", pgData.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                // One server holds the four services' databases (deploy gives each its own with 512MB): with the default
                // 128MB the inbox's processed_event index pages, the outbox and the audit chains no longer fitted, and
                // the inserts read and wrote evicted pages themselves (bin/suite bench's import: 2.0-3.0 s of each
                // consumer's processed_event insert for 20,000 rows, 1.0-1.4 s with 512MB).
                "-c", "shared_buffers=512MB"));
        if (ephemeral) {
            // Only what an operating-system crash would need: without fsync a commit still writes its WAL to the
            // kernel before it answers, so a PostgreSQL crash or immediate stop (the soak's) loses no committed
            // transaction. synchronous_commit stays on: with it off, a commit answered up to ~600 ms before its WAL
            // left PostgreSQL's memory is lost by an immediate stop (the soak found a record answered 201, then gone).
            command.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off"));
        }
        if (stopRequested) {
            throw new StartupException("stopped while starting");
        }
        postmaster = spawn(asServerUser(command, true));
        if (stopRequested) {
            stop();
            throw new StartupException("stopped while starting");
        }
    }

    private void awaitAcceptingConnections() throws StartupException {
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            Process process = postmaster;
            if (process == null || !process.isAlive()) {
                throw new StartupException("PostgreSQL exited"
                        + (process == null ? "" : " with code " + process.exitValue()) + ": " + recentLog());
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e; // refused, or "the database system is starting up"
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new StartupException("PostgreSQL did not accept connections on port " + port + " within "
                + TimeUnit.NANOSECONDS.toSeconds(READY_TIMEOUT_NANOS) + " s (last error: " + last + "); log: "
                + recentLog());
    }

    /** The database and its runtime role ({@link PostgresDatabases}). */
    private void createDatabaseIfMissing(String database) throws SQLException {
        try (Connection connection = connect("postgres")) {
            PostgresDatabases.createIfMissing(connection, database, LOG::info);
        }
    }

    private String recentLog() {
        return Files2.tailSince(logFile, logStart, 8);
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        Connection connection = new org.postgresql.Driver().connect(address() + database, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + address() + database);
        }
        return connection;
    }

    @Override
    public void stop() {
        stopRequested = true;
        Process process = postmaster;
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            // fast shutdown: roll back open transactions, disconnect clients, checkpoint, exit
            Process pgCtl = spawn(asServerUser(List.of(bin("pg_ctl"), "stop", "-D", pgData.toString(), "-m", "fast",
                    "-w", "-t", "60"), false));
            pgCtl.waitFor(70, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("PostgreSQL did not stop after pg_ctl stop; terminating it");
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            LOG.error("pg_ctl stop failed; terminating PostgreSQL", e);
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void awaitExit() throws InterruptedException {
        Process process = postmaster;
        if (process != null) {
            process.waitFor();
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private Process spawn(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile()) // a folder nobody can enter: initdb resolves paths from there
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("PGDATA");
        builder.environment().put("LC_ALL", "C");
        return builder.start();
    }

    /**
     * The command as PostgreSQL's user runs it: as root, through setpriv as nobody. The postmaster also gets SIGINT (a
     * fast shutdown) from the kernel when the launcher dies, where setpriv can ask for that (Linux).
     */
    private List<String> asServerUser(List<String> command, boolean stopWithLauncher) {
        boolean parentDeathSignal = stopWithLauncher && SETPRIV_HAS_PDEATHSIG;
        if (!root && !parentDeathSignal) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(findSetpriv()));
        if (root) {
            wrapped.addAll(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        if (parentDeathSignal) {
            wrapped.add("--pdeathsig=INT");
        }
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    private static final boolean SETPRIV_HAS_PDEATHSIG = setprivHasPdeathsig();

    private static boolean setprivHasPdeathsig() {
        String setpriv = findSetpriv();
        if (setpriv == null) {
            return false;
        }
        try {
            Process help = new ProcessBuilder(setpriv, "--help").redirectErrorStream(true).start();
            String text = new String(help.getInputStream().readAllBytes());
            help.waitFor(10, TimeUnit.SECONDS);
            return text.contains("--pdeathsig");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String findSetpriv() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin:/usr/sbin:/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "setpriv"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
    }

    /**
     * As root, nobody must be able to walk down to {@code dir}: every folder above it needs the execute bit for
     * others. A clear message beats PostgreSQL's "could not change directory" later.
     */
    private static void requireReachable(Path dir, String what) throws IOException, StartupException {
        Path real = dir.toRealPath();
        for (Path parent = real.getParent(); parent != null; parent = parent.getParent()) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(parent);
            if (!mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new StartupException(what + " " + real + " is not reachable by the user nobody (uid " + NOBODY
                        + "), who runs PostgreSQL because the launcher runs as root: the folder " + parent
                        + " is not traversable by others (mode " + java.nio.file.attribute.PosixFilePermissions
                        .toString(mode) + "); run 'chmod o+x " + parent + "' or choose a data dir elsewhere"
                        + " (for example under /tmp or the build's target folder)");
            }
        }
    }

    private static void chownToNobody(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path path : all.toList()) {
                Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static int currentUid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (Throwable t) {
            return -1;
        }
    }
}
