package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Args}, and the launcher commands' command lines read through it. */
class ArgsTest {

    private static final Args.Spec SERVER = Args.spec().values("--data-dir", "--port").repeatable("--databases")
            .flags("--ephemeral");
    private static final Args.Spec DAEMON = Args.spec().values("--state", "--timeout").positionals(Integer.MAX_VALUE)
            .rest().group("--component", Args.spec().values("--ports", "--timeout", "--announce"));

    @TempDir
    Path temp;

    private static Args parse(Args.Spec spec, String... args) {
        return Args.parse(List.of(args), spec);
    }

    private static String refused(Args.Spec spec, String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(spec, args)).getMessage();
    }

    @Test
    void valuesFlagsAndRepeatableOptionsAreRead() {
        Args args = parse(SERVER, "--ephemeral", "--databases", "a,b", "--data-dir", "d", "--databases", "c",
                "--port", "");
        assertEquals("d", args.required("--data-dir"));
        assertEquals(Optional.of(""), args.optional("--port"), "an empty value is a value");
        assertEquals(List.of("a,b", "c"), args.values("--databases"));
        assertTrue(args.flag("--ephemeral"));
        assertTrue(args.has("--data-dir", "--databases", "--ephemeral"));

        Args none = parse(SERVER);
        assertEquals(Optional.empty(), none.optional("--port"));
        assertEquals(List.of(), none.values("--databases"));
        assertFalse(none.flag("--ephemeral"));
        assertFalse(none.has("--data-dir"));
        assertEquals("--data-dir is required",
                assertThrows(IllegalArgumentException.class, () -> none.required("--data-dir")).getMessage());
        assertTrue(parse(SERVER, "--ephemeral", "--ephemeral").flag("--ephemeral"), "a flag may be given again");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertEquals("unknown argument '--datadir'", refused(SERVER, "--data-dir", "d", "--datadir", "e"));
        assertEquals("unknown argument '--'", refused(SERVER, "--", "x"), "-- only where the command takes a rest");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertEquals("--port needs a value", refused(SERVER, "--data-dir", "d", "--port"));
        assertEquals("--port needs a value", refused(SERVER, "--port", "--ephemeral"));
        assertEquals("--databases needs a value", refused(SERVER, "--databases", "--port", "1"));
        assertEquals("--component needs a value", refused(DAEMON, "--state", "s", "--component"));
    }

    @Test
    void aSingleValuedOptionGivenTwiceIsRefused() {
        assertEquals("--port is given twice", refused(SERVER, "--port", "1", "--data-dir", "d", "--port", "1"));
        assertEquals("--ports is given twice (--component pg)",
                refused(DAEMON, "--component", "pg", "--ports", "1", "--ports", "2"));
        assertEquals("--timeout is given twice", refused(DAEMON, "--timeout", "5", "--timeout", "6"));
    }

    @Test
    void positionalWordsUpToWhatTheCommandTakes() {
        Args.Spec one = Args.spec().values("--state").positionals(1);
        assertEquals(List.of("grants"), parse(one, "grants", "--state", "s").positionals());
        assertEquals(List.of("grants"), parse(one, "--state", "s", "grants").positionals());
        assertEquals(List.of(), parse(one, "--state", "s").positionals());
        assertEquals("unexpected argument 'b'", refused(one, "a", "--state", "s", "b"));
        assertEquals("unexpected argument 'x'", refused(SERVER, "--data-dir", "d", "x"));
        assertEquals(List.of("pg", "kafka", "-x"),
                parse(DAEMON, "pg", "--state", "s", "kafka", "-x").positionals(), "a word with one '-' is a word");
    }

    @Test
    void theWordsAfterDoubleDashAreTheRestAsTheyAre() {
        Args args = parse(DAEMON, "--state", "s", "--", "java", "--port", "1", "--", "--state");
        assertEquals(List.of("java", "--port", "1", "--", "--state"), args.rest());
        assertEquals("s", args.required("--state"));
        assertEquals(List.of(), parse(DAEMON, "--state", "s").rest());
        assertEquals(List.of(), parse(DAEMON, "--state", "s", "--").rest());
    }

    @Test
    void eachGroupTakesItsOptionsUntilTheNext() {
        Args args = parse(DAEMON, "stopme", "--timeout", "5", "--component", "pg", "--ports", "1", "--timeout", "120",
                "--state", "s", "--component", "kafka", "--ports", "", "--announce", "ready at x", "after", "--",
                "cmd");
        assertEquals("5", args.required("--timeout"), "before the first group: the command's");
        assertEquals("s", args.required("--state"), "an option only the command takes stays the command's");
        assertEquals(List.of("stopme", "after"), args.positionals());
        assertEquals(List.of("cmd"), args.rest());
        List<Args> groups = args.groups();
        assertEquals(2, groups.size());
        assertEquals("pg", groups.get(0).required("--component"));
        assertEquals("1", groups.get(0).required("--ports"));
        assertEquals(Optional.of("120"), groups.get(0).optional("--timeout"));
        assertEquals(Optional.empty(), groups.get(0).optional("--announce"));
        assertEquals("kafka", groups.get(1).required("--component"));
        assertEquals("", groups.get(1).required("--ports"));
        assertEquals(Optional.empty(), groups.get(1).optional("--timeout"));
        assertEquals("ready at x", groups.get(1).required("--announce"));
        assertEquals("unknown argument '--ports'", refused(DAEMON, "--ports", "1", "--component", "pg"),
                "a group's option before any group");
        assertEquals(List.of(), parse(DAEMON, "--state", "s").groups());
    }

    @Test
    void askingForAnOptionTheCommandDoesNotTakeOrAsAnotherKindIsAMistakeInTheCaller() {
        Args args = parse(SERVER, "--port", "1", "--databases", "a", "--ephemeral");
        assertThrows(IllegalStateException.class, () -> args.optional("--prot"));
        assertThrows(IllegalStateException.class, () -> args.has("--prot"));
        assertThrows(IllegalStateException.class, () -> args.optional("--databases"));
        assertThrows(IllegalStateException.class, () -> args.values("--port"));
        assertThrows(IllegalStateException.class, () -> args.flag("--port"));
        assertThrows(IllegalStateException.class, () -> args.required("--ephemeral"));
        assertThrows(IllegalStateException.class, () -> Args.spec().values("--a").flags("--a"));
        assertThrows(IllegalStateException.class, () -> Args.spec().values("a"));
    }

    // ---- the commands ----

    private record Run(int status, String out, String err) {
    }

    private interface Command {
        int run(PrintStream out, PrintStream err);
    }

    private static Run run(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"),
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theServerCommandLinesOfBinSuiteAndStackProcessAreRead() {
        Launcher.Options postgres = Launcher.Options.parse(new String[] {"postgres", "--data-dir", "data/pg", "--port",
                "15432", "--databases", "grants, records", "--ephemeral", "--exit-on-stdin-eof"});
        assertEquals(Path.of("data/pg").toAbsolutePath().normalize(), postgres.dataDir());
        assertEquals(15432, postgres.port());
        assertEquals(List.of("grants", "records"), postgres.databases());
        assertTrue(postgres.ephemeral());
        assertTrue(postgres.exitOnStdinEof());
        assertEquals(List.of("a", "b", "c"), Launcher.Options.parse(new String[] {"postgres-container", "--data-dir",
                "d", "--databases", "a,b", "--databases", "c"}).databases(), "--databases given again adds to them");
        Launcher.Options kafka = Launcher.Options.parse(new String[] {"kafka", "--data-dir", "d", "--port", "19092",
                "--controller-port", "19093"});
        assertEquals(19093, kafka.controllerPort());
        assertFalse(kafka.ephemeral());
        assertFalse(kafka.exitOnStdinEof());

        assertEquals("--port is given twice", assertThrows(IllegalArgumentException.class,
                () -> Launcher.Options.parse(new String[] {"kafka", "--data-dir", "d", "--port", "1", "--port", "2",
                        "--controller-port", "3"})).getMessage());
        assertEquals("--port needs a value", assertThrows(IllegalArgumentException.class,
                () -> Launcher.Options.parse(new String[] {"postgres", "--data-dir", "d", "--port",
                        "--ephemeral"})).getMessage());
        assertEquals("--controller-port is for kafka only", assertThrows(IllegalArgumentException.class,
                () -> Launcher.Options.parse(new String[] {"postgres", "--data-dir", "d", "--port", "1",
                        "--controller-port", "2"})).getMessage());
        assertEquals("unexpected argument 'extra'", assertThrows(IllegalArgumentException.class,
                () -> Launcher.Options.parse(new String[] {"postgres", "--data-dir", "d", "--port", "1",
                        "extra"})).getMessage());
    }

    @Test
    void theDaemonReadsBinSuitesComponentsAsOneGroupEach() {
        // bin/suite status: each component as component_args prints it
        Run status = run((out, err) -> Supervisor.main(List.of("status", "--state", temp.toString(),
                "--component", "postgres", "--ports", "1", "--health", "port", "--ready", "line", "--timeout", "120",
                "--component", "kafka", "--ports", "4,5", "--external", "broker:9092", "--health", "port", "--ready",
                "line", "--timeout", "180", "--component", "portless", "--ports", "",
                "--component", "keycloak", "--ports", "2,3", "--health", "http:http://127.0.0.1:2/realms/r",
                "--health-label", "realm r", "--health-what", "realm", "--ready", "health", "--timeout", "180",
                "--announce", "ready at http://127.0.0.1:2"), out, err));
        assertEquals(0, status.status(), status.err());
        List<String> rows = status.out().lines().toList();
        assertEquals(5, rows.size(), status.out());
        assertTrue(rows.get(1).matches("postgres +stopped +- +1 .*"), rows.get(1));
        assertTrue(rows.get(2).matches("kafka +external +- +- +broker:9092"), rows.get(2));
        assertTrue(rows.get(3).matches("portless +stopped +- +-"), rows.get(3));
        assertTrue(rows.get(4).matches("keycloak +stopped +- +2/3 .*"), rows.get(4));

        Run twice = run((out, err) -> Supervisor.main(List.of("status", "--state", temp.toString(), "--component",
                "pg", "--ready", "line", "--ready", "health"), out, err));
        assertEquals(2, twice.status());
        assertTrue(twice.err().startsWith("error: --ready is given twice (--component pg); usage: Launcher daemon"),
                twice.err());
        Run unknown = run((out, err) -> Supervisor.main(List.of("stop", "--state", temp.toString(), "--force", "pg"),
                out, err));
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("error: unknown argument '--force'; usage: "), unknown.err());
    }

    @Test
    void thePrepareAndCacheCommandsReportABadCommandLineWithExitTwo() {
        Run keycloak = run((out, err) -> KeycloakInstall.main(List.of("prepare", "--home", "h", "--realm-file", "r",
                "--stamp", "s", "--home", "g"), out, err));
        assertEquals(new Run(2, "", "error: --home is given twice; " + KeycloakInstall.USAGE + "\n"), keycloak);
        Run missing = run((out, err) -> KeycloakInstall.main(List.of("prepare", "--home", "h", "--realm-file"), out,
                err));
        assertEquals(new Run(2, "", "error: --realm-file needs a value; " + KeycloakInstall.USAGE + "\n"), missing);

        Run postgres = run((out, err) -> PostgresDatabases.main(List.of("prepare", "--url", "jdbc:postgresql://h/",
                "--databases", "a", "--url", "jdbc:postgresql://g/"), java.util.Map.of(), out, err));
        assertEquals(new Run(2, "", "error: --url is given twice; " + PostgresDatabases.USAGE + "\n"), postgres);
        Run password = run((out, err) -> PostgresDatabases.main(List.of("prepare", "--url", "jdbc:postgresql://h/",
                "--databases", "a", "--password", "p"), java.util.Map.of(), out, err));
        assertEquals(2, password.status());
        assertTrue(password.err().startsWith("error: unknown argument '--password' (the password comes from"
                + " $SUITE_POSTGRES_PASSWORD); usage: "), password.err());

        Run cache = run((out, err) -> AotCache.main(List.of("--state", "s", "--app", "a.jar", "grants", "records"),
                out, err));
        assertEquals(2, cache.status());
        assertTrue(cache.err().startsWith("error: unexpected argument 'records'; usage: Launcher startup-cache"),
                cache.err());

        Run topics = run((out, err) -> BuildFacts.print(List.of("topics", "--partner"), out, err));
        assertEquals(new Run(2, "", "error: unknown argument '--partner'; usage: Launcher versions | Launcher topics"
                + " [--partner-readable]\n"), topics);
    }
}
