package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's unpack and realm import on real files: a small distribution zip made here (a {@code keycloak-9.9.9/}
 * folder with {@code bin/kc.sh}), the stamp that resets the development database when the realm file changed.
 */
class KeycloakInstallTest {

    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        Path base = Files.createDirectories(Path.of("target", "keycloak-install-test").toAbsolutePath());
        dir = Files.createTempDirectory(base, "kc");
    }

    /** A zip as Maven Central's distribution is made: Unix modes stored, kc.sh executable, the rest not. */
    private Path distribution(String top) throws IOException {
        Path zip = dir.resolve("keycloak-quarkus-dist.zip");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path bin = Files.createDirectories(fs.getPath(top, "bin"));
            Files.writeString(bin.resolve("kc.sh"), "#!/bin/sh\necho keycloak\n");
            Files.setPosixFilePermissions(bin.resolve("kc.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(bin.resolve("kc.bat"), "@echo keycloak\n");
            Files.setPosixFilePermissions(bin.resolve("kc.bat"), PosixFilePermissions.fromString("rw-r--r--"));
            Path lib = Files.createDirectories(fs.getPath(top, "lib", "lib", "main"));
            Files.writeString(lib.resolve("keycloak.jar"), "not really a jar");
            Files.setPosixFilePermissions(lib.resolve("keycloak.jar"), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return zip;
    }

    @Test
    void unpacksTheTopFolderAsHomeKeepingTheExecutableBitAndOnlyOnce() throws IOException {
        Path zip = distribution("keycloak-9.9.9");
        Path home = dir.resolve("keycloak/keycloak-9.9.9");
        assertFalse(KeycloakInstall.installed(home));

        assertTrue(KeycloakInstall.unpack(zip, home));
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")), "kc.sh keeps its executable bit");
        assertEquals("rwxr-xr-x", mode(home.resolve("bin/kc.sh")));
        assertEquals("rw-r--r--", mode(home.resolve("bin/kc.bat")), "the others keep theirs");
        assertEquals("not really a jar", Files.readString(home.resolve("lib/lib/main/keycloak.jar")));
        assertFalse(Files.exists(dir.resolve("keycloak/keycloak-9.9.9.unpacking")), "nothing left beside it");

        // installed: left alone, its data kept (the zip is not even read)
        Files.createDirectories(home.resolve("data/h2"));
        Files.delete(zip);
        assertFalse(KeycloakInstall.unpack(zip, home));
        assertTrue(Files.isDirectory(home.resolve("data/h2")));
    }

    @Test
    void aCutUnpackIsDoneAgain() throws IOException {
        Path zip = distribution("keycloak-9.9.9");
        Path home = dir.resolve("keycloak-9.9.9");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/kc.sh"), "cut"); // not executable: the unpack before did not finish
        Files.writeString(home.resolve("stray"), "left over");

        assertTrue(KeycloakInstall.unpack(zip, home));
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")));
        assertEquals("#!/bin/sh\necho keycloak\n", Files.readString(home.resolve("bin/kc.sh")));
        assertFalse(Files.exists(home.resolve("stray")));
    }

    @Test
    void aZipWithoutUnixModesGetsItsScriptsMadeExecutable() throws IOException {
        Path zip = dir.resolve("plain.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("keycloak-9.9.9/bin/kc.sh"));
            out.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("keycloak-9.9.9/version.txt"));
            out.write("9.9.9".getBytes(StandardCharsets.UTF_8));
        }
        Path home = dir.resolve("keycloak-9.9.9");
        assertTrue(KeycloakInstall.unpack(zip, home));
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")));
        assertEquals("9.9.9", Files.readString(home.resolve("version.txt")));
    }

    @Test
    void aZipWithoutKcShIsRefusedAndNothingIsInstalled() throws IOException {
        Path zip = dir.resolve("other.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("something-else/README.md"));
            out.write("no keycloak".getBytes(StandardCharsets.UTF_8));
        }
        Path home = dir.resolve("keycloak-9.9.9");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeycloakInstall.unpack(zip, home));
        assertTrue(e.getMessage().contains("did not hold one folder with bin/kc.sh"), e.getMessage());
        assertFalse(Files.exists(home));
        assertFalse(Files.exists(dir.resolve("keycloak-9.9.9.unpacking")));
    }

    @Test
    void aChangedRealmFileResetsTheDatabaseAndAnUnchangedOneKeepsIt() throws IOException {
        Path home = Files.createDirectories(dir.resolve("keycloak-9.9.9"));
        Path realm = dir.resolve("realm-local.json");
        Path stamp = dir.resolve("realm-local.cksum");
        Files.writeString(realm, "{\"realm\":\"safe-policing\",\"enabled\":true}");

        // the first start: a fresh database, the file put for import, the stamp written
        assertEquals(new KeycloakInstall.RealmImport(false, true),
                KeycloakInstall.prepareRealmImport(home, realm, stamp));
        assertEquals(Files.readString(realm), Files.readString(home.resolve("data/import/realm-local.json")));
        assertEquals(KeycloakInstall.cksum(Files.readAllBytes(realm)) + "\n", Files.readString(stamp));

        // Keycloak ran and made its database: an unchanged file keeps it
        Path database = Files.createDirectories(home.resolve("data/h2"));
        Files.writeString(database.resolve("keycloakdb.mv.db"), "users and sessions");
        assertEquals(new KeycloakInstall.RealmImport(false, false),
                KeycloakInstall.prepareRealmImport(home, realm, stamp));
        assertTrue(Files.isRegularFile(database.resolve("keycloakdb.mv.db")), "unchanged realm: database kept");

        // a changed file: the database is dropped so that Keycloak imports it again
        Files.writeString(realm, "{\"realm\":\"safe-policing\",\"enabled\":true,\"sslRequired\":\"none\"}");
        assertEquals(new KeycloakInstall.RealmImport(true, true),
                KeycloakInstall.prepareRealmImport(home, realm, stamp));
        assertFalse(Files.exists(database), "changed realm: database removed");
        assertEquals(Files.readString(realm), Files.readString(home.resolve("data/import/realm-local.json")));
        assertEquals(KeycloakInstall.cksum(Files.readAllBytes(realm)) + "\n", Files.readString(stamp));

        // no stamp yet (a .suite/ from before stamps): the database is kept
        Files.createDirectories(database);
        Files.delete(stamp);
        assertEquals(new KeycloakInstall.RealmImport(false, false),
                KeycloakInstall.prepareRealmImport(home, realm, stamp));
        assertTrue(Files.isDirectory(database));

        Files.delete(realm);
        assertThrows(IllegalStateException.class, () -> KeycloakInstall.prepareRealmImport(home, realm, stamp));
    }

    @Test
    void theStampIsPosixCksumSoAStampBinSuiteWroteStillCounts() throws Exception {
        assertEquals("4294967295 0", KeycloakInstall.cksum(new byte[0]));
        assertEquals("1552147931 10", KeycloakInstall.cksum("123456789\n".getBytes(StandardCharsets.US_ASCII)));
        Optional<Path> cksum = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "cksum")).filter(Files::isExecutable).findFirst();
        if (cksum.isPresent()) { // the tool itself agrees, where it is installed
            Path realm = Path.of("..", "deploy", "keycloak", "realm-local.json").toAbsolutePath().normalize();
            Process p = new ProcessBuilder(cksum.get().toString()).redirectInput(realm.toFile()).start();
            String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            p.waitFor();
            assertEquals(expected, KeycloakInstall.cksum(Files.readAllBytes(realm)));
        }
    }

    @Test
    void theCommandLinePreparesAndSaysWhatBinSuiteSaid() throws IOException {
        Path zip = distribution("keycloak-9.9.9");
        Path home = dir.resolve("keycloak/keycloak-9.9.9");
        Path realm = dir.resolve("realm-local.json");
        Path stamp = dir.resolve("keycloak/realm-local.cksum");
        Files.writeString(realm, "{\"realm\":\"safe-policing\"}");
        List<String> prepare = List.of("prepare", "--home", home.toString(), "--realm-file", realm.toString(),
                "--stamp", stamp.toString(), "--zip", zip.toString());

        assertEquals("0:keycloak       starting on a fresh database: importing realm safe-policing (the very first"
                + " start takes about a minute) ...\n:", run(prepare));
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")));
        Files.createDirectories(home.resolve("data/h2"));
        assertEquals("0::", run(prepare));
        Files.writeString(realm, "{\"realm\":\"safe-policing\",\"changed\":true}");
        assertEquals("0:keycloak       " + realm + " changed: resetting Keycloak's local database to import it again\n"
                + "keycloak       starting on a fresh database: importing realm safe-policing (the very first start"
                + " takes about a minute) ...\n:", run(prepare));

        Files.delete(realm);
        assertEquals("1::error: " + realm + " is missing\n", run(prepare));
        assertTrue(run(List.of("prepare", "--home", dir.resolve("none").toString(), "--realm-file", realm.toString(),
                "--stamp", stamp.toString())).startsWith("1::error: no Keycloak in "));
        assertTrue(run(List.of("prepare", "--home", home.toString())).startsWith("2::error: --home, --realm-file and"));
        assertTrue(run(List.of("unpack")).startsWith("2::error: unknown keycloak command 'unpack'"));
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static String run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeycloakInstall.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return status + ":" + out.toString(StandardCharsets.UTF_8) + ":" + err.toString(StandardCharsets.UTF_8);
    }
}
