package org.safepolicing.stack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one supervisor of the stack {@code bin/suite} runs: each component a daemon in its own session, its pid in
 * {@code <state>/pids/NAME.pid}, its output appended to {@code <state>/logs/NAME.log} under a line that marks each
 * start. It starts a component and waits until it is ready, says what runs, and stops what it started. bin/suite
 * describes the components (names, ports, commands); everything about running them is here.
 *
 * <pre>
 * Launcher daemon start  --state DIR COMPONENT -- COMMAND...
 * Launcher daemon stop   --state DIR [--timeout S] NAME...
 * Launcher daemon status --state DIR COMPONENT...
 * Launcher daemon check  --state DIR COMPONENT...      exit 0 when each runs and is ready, else prints the first that does not
 * Launcher daemon pid    --state DIR NAME
 *
 * COMPONENT: --component NAME [--ports P,P] [--health port | http:URL] [--health-label TEXT] [--health-what TEXT]
 *            [--ready line | health] [--timeout S] [--announce TEXT] [--external TEXT]
 * </pre>
 *
 * <p>Readiness: {@code line} waits for the component's {@code READY NAME ...} line (or a {@code FAILED} line) in its
 * log since this start, as the launcher's servers print them; {@code health} waits for the health check (the first
 * port accepting connections, or the URL answering 200). A component that exits, fails or misses its time fails the
 * start with the end of its log; one that misses its time is left running.
 *
 * <p>Stopping: SIGTERM, up to {@code --timeout} seconds (180 for a JVM that writes its AOT cache at exit), then
 * SIGKILL of its process group; an AOT cache is kept only from a JVM that ended by itself without a fatal error
 * ({@link AotCache}).
 */
public final class Supervisor {

    static final String USAGE = "usage: Launcher daemon start --state DIR --component NAME [--ports P,P]"
            + " [--health port|http:URL] [--health-label TEXT] [--health-what TEXT] [--ready line|health] [--timeout S]"
            + " [--announce TEXT] -- COMMAND... | stop --state DIR [--timeout S] NAME... | status --state DIR"
            + " --component NAME ... | check --state DIR --component NAME ... | pid --state DIR NAME";

    private static final Pattern START_MARK = Pattern.compile("^----- .*: bin/suite starts .*$", Pattern.MULTILINE);

    /** How a component shows it is ready after a start. */
    enum Ready { LINE, HEALTH }

    /** One component as bin/suite describes it. */
    record Component(String name, List<Integer> ports, Health health, Ready ready, Duration timeout, String announce,
                     String external) {

        Health.Result check() {
            if (health != null) {
                return health.check();
            }
            return ports.isEmpty() ? new Health.Result(true, "running") : new Health.Port(ports.get(0)).check();
        }
    }

    /** A start or a stop that cannot go on: bin/suite prints {@code error: <message>} and exits 1. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Path state;
    private final PrintStream out;
    private final PrintStream err;

    Supervisor(Path state, PrintStream out, PrintStream err) {
        this.state = state.toAbsolutePath().normalize();
        this.out = out;
        this.err = err;
    }

    Path pidFile(String name) {
        return state.resolve("pids/" + name + ".pid");
    }

    Path logFile(String name) {
        return state.resolve("logs/" + name + ".log");
    }

    /**
     * The process of a component this supervisor started, if it is still alive. A pid file whose process is gone, or
     * whose pid now belongs to something that is not a JVM or kc.sh, is stale.
     */
    Optional<ProcessHandle> running(String name) {
        Path file = pidFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long pid;
        try {
            String digits = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[^0-9]", "");
            if (digits.isEmpty()) {
                return Optional.empty();
            }
            pid = Long.parseLong(digits);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isPresent() && Files.isReadable(Path.of("/proc", Long.toString(pid), "cmdline"))) {
            String commandLine = String.join(" ", ProcessStop.commandLine(pid));
            if (!commandLine.contains("java") && !commandLine.contains("kc.sh")) {
                return Optional.empty();
            }
        }
        return process;
    }

    /** Starts a component unless it runs already, and waits until it is ready; prints one line about it. */
    void start(Component component, List<String> command) {
        String name = component.name();
        Optional<ProcessHandle> process = running(name);
        if (process.isPresent()) {
            if (component.check().ready()) {
                out.printf("%-14s already running (pid %d)%n", name, process.get().pid());
                return;
            }
            // started by us and still starting (or stuck): wait for it instead of starting a second one
            out.printf("%-14s running (pid %d) but not ready yet: waiting for it%n", name, process.get().pid());
        } else {
            delete(pidFile(name));
            requirePortsFree(component);
            process = Optional.of(spawn(name, command));
        }
        awaitReady(component, process.get());
    }

    private void requirePortsFree(Component component) {
        for (int port : component.ports()) {
            if (Health.open(port)) {
                String owner = portOwner(port);
                throw new Refused("port " + port + " (for " + component.name() + ") is already taken by a process"
                        + " bin/suite did not start" + (owner.isEmpty() ? "" : " (" + owner + ")") + "."
                        + System.lineSeparator() + "  If it is left over from an earlier run, stop it with"
                        + " 'bin/suite down' (or end that process); otherwise free the port.");
            }
        }
    }

    /** Who listens on a port, as far as this machine lets us see ({@code ss}); empty when unknown. */
    static String portOwner(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor();
            var m = Pattern.compile("users:\\(\\((.*)\\)\\)").matcher(output.lines().findFirst().orElse(""));
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Runs the command in its own session (setsid, where there is one: Ctrl-C in this terminal or closing it does not
     * reach it), stdin from /dev/null, output appended to its log under a start mark, and writes its pid file.
     */
    ProcessHandle spawn(String name, List<String> command) {
        Path log = logFile(name);
        List<String> full = new ArrayList<>();
        if (onPath("setsid")) {
            full.add("setsid"); // not a group leader here, so setsid execs in place: the pid stays the command's
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile(name).getParent());
            Files.writeString(log, System.lineSeparator() + "----- " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + ": bin/suite starts " + name + " -----" + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            Files.writeString(pidFile(name), process.pid() + System.lineSeparator(), StandardCharsets.UTF_8);
            return process.toHandle();
        } catch (IOException e) {
            throw new Refused("cannot start " + name + ": " + e.getMessage());
        }
    }

    private void awaitReady(Component component, ProcessHandle process) {
        String name = component.name();
        long deadline = System.nanoTime() + component.timeout().toNanos();
        boolean byLine = component.ready() == Ready.LINE;
        Pattern readyLine = Pattern.compile("^(READY " + Pattern.quote(name) + "|FAILED)( .*)?$");
        while (System.nanoTime() < deadline) {
            if (byLine) {
                String line = logSinceStart(name).lines().filter(l -> readyLine.matcher(l).matches())
                        .reduce((a, b) -> b).orElse("");
                if (line.startsWith("READY")) {
                    out.printf("%-14s %s (pid %d)%n", name, line, process.pid());
                    return;
                }
                if (line.startsWith("FAILED")) {
                    showLogTail(name);
                    stop(name, Duration.ofSeconds(10), false);
                    throw new Refused(name + " did not start: " + line);
                }
            } else if (component.check().ready()) {
                out.printf("%-14s %s (pid %d)%n", name, component.announce() == null ? "ready" : component.announce(),
                        process.pid());
                return;
            }
            if (!process.isAlive()) {
                showLogTail(name);
                delete(pidFile(name));
                throw new Refused(name + " exited before it was ready");
            }
            ProcessStop.awaitExit(process, Duration.ofMillis(byLine ? 500 : 1000));
        }
        showLogTail(name);
        long seconds = component.timeout().toSeconds();
        if (byLine) {
            throw new Refused(name + " was not ready after " + seconds + "s (it is left running: see 'bin/suite logs "
                    + name + "', stop with 'bin/suite down')");
        }
        String what = component.health() instanceof Health.Http http ? http.url() + " with 200"
                : "on port " + component.ports().get(0);
        throw new Refused(name + " did not answer " + what + " within " + seconds + "s (left running; 'bin/suite"
                + " down' stops it)");
    }

    /** The log lines written since the last start by bin/suite. */
    String logSinceStart(String name) {
        Path log = logFile(name);
        if (!Files.isRegularFile(log)) {
            return "";
        }
        String text;
        try {
            text = Files.readString(log, StandardCharsets.ISO_8859_1); // any bytes; READY and FAILED lines are ASCII
        } catch (IOException e) {
            return "";
        }
        var mark = START_MARK.matcher(text);
        int from = -1;
        while (mark.find()) {
            from = mark.end();
        }
        if (from < 0) {
            return text;
        }
        return text.substring(Math.min(text.length(), from + (text.startsWith("\r\n", from) ? 2 : 1)));
    }

    private void showLogTail(String name) {
        List<String> lines = logSinceStart(name).lines().toList();
        err.println("--- last lines of " + state.getParent().relativize(logFile(name)) + " ---");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(err::println);
        err.println("---");
    }

    /**
     * Stops a component this supervisor started: SIGTERM, up to {@code timeout} (at least 180 s for a JVM writing its
     * AOT cache), then SIGKILL of its process group. Prints its progress on one line unless {@code quiet}.
     */
    void stop(String name, Duration timeout, boolean print) {
        Optional<ProcessHandle> found = running(name);
        if (found.isEmpty()) {
            delete(pidFile(name));
            return;
        }
        ProcessHandle process = found.get();
        PrintStream say = print ? out : new PrintStream(PrintStream.nullOutputStream());
        say.printf("%-14s stopping (pid %d) ...", name, process.pid());
        say.flush();
        List<String> commandLine = ProcessStop.commandLine(process.pid());
        Optional<Path> aot = AotCache.training(commandLine);
        Duration wait = AotCache.stopTimeout(commandLine, timeout);
        if (!wait.equals(timeout)) {
            say.print(" writing its AOT cache ...");
            say.flush();
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        boolean endedByItself = ProcessStop.awaitExit(process, wait);
        if (!endedByItself) {
            say.printf(" still running after %ds, killing ...", wait.toSeconds());
            say.flush();
            ProcessStop.kill(process);
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        aot.ifPresent(part -> AotCache.settle(part, endedByItself, logSinceStart(name)));
        delete(pidFile(name));
        say.println(" stopped");
        say.flush();
    }

    /** One line per component: running or stopped, pid, ports, health. */
    void status(List<Component> components) {
        out.printf("%-14s %-9s %-8s %-12s %s%n", "COMPONENT", "STATE", "PID", "PORTS", "HEALTH");
        for (Component c : components) {
            String ports = String.join("/", c.ports().stream().map(String::valueOf).toList());
            String state;
            String pid;
            String health;
            Optional<ProcessHandle> process = c.external() == null ? running(c.name()) : Optional.empty();
            if (c.external() != null) {
                state = "external";
                pid = "-";
                ports = "-";
                health = c.external();
            } else if (process.isPresent()) {
                state = "running";
                pid = Long.toString(process.get().pid());
                health = c.check().words();
            } else {
                state = "stopped";
                pid = "-";
                health = "-";
                if (!c.ports().isEmpty() && Health.open(c.ports().get(0))) {
                    health = "port " + c.ports().get(0) + " is taken by a process bin/suite did not start";
                }
            }
            out.printf("%-14s %-9s %-8s %-12s %s%n", c.name(), state, pid, ports, health);
        }
    }

    /** The first component that is not running or not ready, if any. */
    Optional<String> firstNotServing(List<Component> components) {
        return components.stream()
                .filter(c -> c.external() == null)
                .filter(c -> running(c.name()).isEmpty() || !c.check().ready())
                .map(Component::name)
                .findFirst();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the command line ----

    /** A {@code --component}'s options. */
    private static final Args.Spec COMPONENT = Args.spec().values("--ports", "--health", "--health-label",
            "--health-what", "--ready", "--timeout", "--announce", "--external");
    /** {@code --timeout} before the first {@code --component} is stop's, after it that component's. */
    private static final Args.Spec COMMAND_LINE = Args.spec().values("--state", "--timeout")
            .positionals(Integer.MAX_VALUE).rest().group("--component", COMPONENT);

    /** {@code Launcher daemon ...}; returns the exit status. */
    static int main(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        String command = args.get(0);
        Path state;
        Duration timeout;
        List<String> names;
        List<Component> components = new ArrayList<>();
        List<String> run;
        try {
            Args options = Args.parse(args.subList(1, args.size()), COMMAND_LINE);
            timeout = options.optional("--timeout").map(Supervisor::seconds).orElse(null);
            for (Args component : options.groups()) {
                components.add(component(component));
            }
            state = Path.of(options.required("--state"));
            names = options.positionals();
            run = options.rest();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "; " + USAGE);
            return 2;
        }
        Supervisor supervisor = new Supervisor(state, out, err);
        try {
            switch (command) {
                case "start" -> {
                    if (components.size() != 1 || run.isEmpty()) {
                        err.println("error: start takes one --component and a command after --; " + USAGE);
                        return 2;
                    }
                    supervisor.start(components.get(0), run);
                }
                case "stop" -> {
                    for (String name : names) {
                        supervisor.stop(name, timeout == null ? Duration.ofSeconds(30) : timeout, true);
                    }
                }
                case "status" -> supervisor.status(components);
                case "check" -> {
                    Optional<String> down = supervisor.firstNotServing(components);
                    if (down.isPresent()) {
                        out.println(down.get());
                        return 1;
                    }
                }
                case "pid" -> {
                    if (names.size() != 1) {
                        err.println(USAGE);
                        return 2;
                    }
                    Optional<ProcessHandle> process = supervisor.running(names.get(0));
                    if (process.isEmpty()) {
                        return 1;
                    }
                    out.println(process.get().pid());
                }
                default -> {
                    err.println("error: unknown daemon command '" + command + "'; " + USAGE);
                    return 2;
                }
            }
        } catch (Refused e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value));
    }

    /** The component one {@code --component NAME ...} describes. */
    private static Component component(Args options) {
        String name = options.required("--component");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad component name '" + name + "'");
        }
        List<Integer> ports = options.optional("--ports").filter(value -> !value.isBlank())
                .map(value -> Arrays.stream(value.split("[,/ ]+")).map(Integer::valueOf).toList())
                .orElse(List.of());
        String health = options.optional("--health").orElse(null);
        if (health != null && !health.equals("port") && !health.startsWith("http:")) {
            throw new IllegalArgumentException("--health is port or http:URL, not '" + health + "'");
        }
        String readyWhen = options.optional("--ready").orElse("health");
        Ready ready = switch (readyWhen) {
            case "line" -> Ready.LINE;
            case "health" -> Ready.HEALTH;
            default -> throw new IllegalArgumentException("--ready is line or health, not '" + readyWhen + "'");
        };
        Duration timeout = options.optional("--timeout").map(Supervisor::seconds).orElse(Duration.ofSeconds(120));
        Health check = null;
        if (health != null && health.startsWith("http:")) {
            check = new Health.Http(URI.create(health.substring("http:".length())),
                    options.optional("--health-label").orElse(null), options.optional("--health-what").orElse(null));
        } else if (health != null) {
            if (ports.isEmpty()) {
                throw new IllegalArgumentException("--health port needs --ports for " + name);
            }
            check = new Health.Port(ports.get(0));
        }
        return new Component(name, ports, check, ready, timeout, options.optional("--announce").orElse(null),
                options.optional("--external").orElse(null));
    }
}
