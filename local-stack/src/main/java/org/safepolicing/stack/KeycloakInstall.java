package org.safepolicing.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keycloak as bin/suite and system-tests run it: the Maven Central distribution
 * ({@code org.keycloak:keycloak-quarkus-dist:<version>:zip}, fetched by Maven) unpacked into a home folder, and the
 * local realm file put where {@code kc.sh start-dev --import-realm} reads it.
 *
 * <pre>
 * Launcher keycloak prepare --home DIR --realm-file FILE --stamp FILE [--zip FILE]
 * </pre>
 *
 * <p>{@code prepare} unpacks the zip into {@code DIR} unless {@code DIR/bin/kc.sh} is there already, then prepares the
 * realm import ({@link #prepareRealmImport}); it prints what bin/suite said before: that a changed realm file resets
 * Keycloak's database, and that a fresh database imports the realm. Exit 1 with {@code error: ...} when it cannot,
 * 2 for a bad command line.
 */
public final class KeycloakInstall {

    static final String USAGE =
            "usage: Launcher keycloak prepare --home DIR --realm-file FILE --stamp FILE [--zip FILE]";
    /** Where start-dev keeps its database (H2) unless it is given another. */
    static final String DEV_DATABASE = "data/h2";
    /** Where {@code --import-realm} reads realm files. */
    static final String IMPORTS = "data/import";

    /** True when {@code home} holds an unpacked Keycloak (its {@code bin/kc.sh}, executable). */
    public static boolean installed(Path home) {
        return Files.isExecutable(home.resolve("bin/kc.sh"));
    }

    /**
     * Unpacks the distribution's one top folder ({@code keycloak-<version>/}) as {@code home}, keeping the entries'
     * Unix modes (kc.sh executable), unless {@code home} holds a Keycloak already. It is unpacked beside {@code home}
     * first and moved into place only when complete, so a cut unpack is never taken for an installed one.
     *
     * @return true when it unpacked, false when {@code home} was installed already
     */
    public static boolean unpack(Path zip, Path home) {
        if (installed(home)) {
            return false;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Keycloak in " + home + " and no zip to unpack it from (" + zip + ")");
        }
        Path target = home.toAbsolutePath().normalize();
        Path unpacking = target.resolveSibling(target.getFileName() + ".unpacking");
        try {
            Files2.deleteRecursively(unpacking);
            Files.createDirectories(unpacking);
            try (FileSystem archive = FileSystems.newFileSystem(URI.create("jar:" + zip.toAbsolutePath().toUri()),
                    Map.of("enablePosixFileAttributes", "true"))) {
                Path top = topFolder(archive, zip);
                try (Stream<Path> entries = Files.walk(top)) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        extract(entry, unpacking.resolve(top.relativize(entry).toString()).normalize(), unpacking);
                    }
                }
            }
            Path kc = unpacking.resolve("bin/kc.sh");
            if (Files.isRegularFile(kc) && !Files.isExecutable(kc)) {
                // a zip without Unix modes (made elsewhere): its scripts made executable, as they should be
                try (DirectoryStream<Path> scripts = Files.newDirectoryStream(unpacking.resolve("bin"), "*.sh")) {
                    for (Path script : scripts) {
                        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(script);
                        mode.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                                PosixFilePermission.OTHERS_EXECUTE));
                        Files.setPosixFilePermissions(script, mode);
                    }
                }
            }
            Files2.deleteRecursively(target);
            Files.createDirectories(target.getParent());
            Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + home + ": " + e.getMessage(), e);
        } finally {
            try {
                Files2.deleteRecursively(unpacking);
            } catch (IOException e) {
                // only a leftover; the next unpack clears it
            }
        }
    }

    /** The zip's one top folder that holds {@code bin/kc.sh}. */
    private static Path topFolder(FileSystem archive, Path zip) throws IOException {
        List<Path> tops = new ArrayList<>();
        try (DirectoryStream<Path> root = Files.newDirectoryStream(archive.getPath("/"))) {
            for (Path p : root) {
                if (Files.isRegularFile(p.resolve("bin/kc.sh"))) {
                    tops.add(p);
                }
            }
        }
        if (tops.size() != 1) {
            throw new IllegalStateException("the Keycloak zip " + zip.getFileName() + " did not hold one folder with"
                    + " bin/kc.sh (it held " + tops.size() + ")");
        }
        return tops.get(0);
    }

    private static void extract(Path entry, Path to, Path base) throws IOException {
        if (!to.startsWith(base)) {
            throw new IOException("the zip entry " + entry + " points outside the folder it is unpacked into");
        }
        PosixFileAttributes attributes = Files.readAttributes(entry, PosixFileAttributes.class);
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(attributes.permissions());
        mode.add(PosixFilePermission.OWNER_READ);
        mode.add(PosixFilePermission.OWNER_WRITE);
        if (attributes.isDirectory()) {
            mode.add(PosixFilePermission.OWNER_EXECUTE);
            Files.createDirectories(to);
        } else {
            Files.createDirectories(to.getParent());
            Files.copy(entry, to, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(to, attributes.lastModifiedTime());
        }
        Files.setPosixFilePermissions(to, mode);
    }

    /** What {@link #prepareRealmImport} found and did. */
    record RealmImport(boolean databaseReset, boolean freshDatabase) {
    }

    /**
     * Keycloak imports a realm only when it does not have it yet: when the realm file changed since the last import
     * (its {@code cksum} differs from the one in {@code stamp}), Keycloak's development database in {@code home} is
     * dropped so that the new file is imported. Then the file is copied into {@code home/data/import} and its checksum
     * written to {@code stamp} (the same line as POSIX {@code cksum < FILE}, so a stamp bin/suite wrote still counts).
     */
    static RealmImport prepareRealmImport(Path home, Path realmFile, Path stamp) throws IOException {
        if (!Files.isRegularFile(realmFile)) {
            throw new IllegalStateException(realmFile + " is missing");
        }
        byte[] realm = Files.readAllBytes(realmFile);
        String sum = cksum(realm);
        Path database = home.resolve(DEV_DATABASE);
        boolean reset = false;
        if (Files.isRegularFile(stamp) && !Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(sum)
                && Files.isDirectory(database)) {
            Files2.deleteRecursively(database);
            reset = true;
        }
        importRealm(home, realmFile);
        Files.createDirectories(stamp.toAbsolutePath().getParent());
        Files.writeString(stamp, sum + "\n", StandardCharsets.UTF_8);
        return new RealmImport(reset, !Files.isDirectory(database));
    }

    /** Copies the realm file into {@code home/data/import} (by its own name), where {@code --import-realm} reads it. */
    public static Path importRealm(Path home, Path realmFile) {
        try {
            Path imports = Files.createDirectories(home.resolve(IMPORTS));
            return Files.copy(realmFile, imports.resolve(realmFile.getFileName().toString()),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the realm file " + realmFile + " for import", e);
        }
    }

    /** POSIX {@code cksum} of the bytes, as it prints them from stdin: {@code CRC SIZE}. */
    static String cksum(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc = update(crc, b & 0xff);
        }
        for (long n = bytes.length; n != 0; n >>>= 8) {
            crc = update(crc, (int) (n & 0xff));
        }
        return Integer.toUnsignedString(~crc) + " " + bytes.length;
    }

    private static int update(int crc, int octet) {
        crc ^= octet << 24;
        for (int bit = 0; bit < 8; bit++) {
            crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        return crc;
    }

    /** The realm a realm file defines (its {@code realm} field), for the messages; the file's name if it has none. */
    static String realmName(Path realmFile) {
        try {
            Object name = SuiteJson.select(SuiteJson.parse(Files.readString(realmFile, StandardCharsets.UTF_8)),
                    "realm");
            return name instanceof String s ? s : realmFile.getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return realmFile.getFileName().toString();
        }
    }

    // ---- the command line ----

    private static final Args.Spec SPEC = Args.spec().values("--home", "--realm-file", "--stamp", "--zip");

    /** {@code Launcher keycloak ...}; returns the exit status. */
    static int main(List<String> args, PrintStream out, PrintStream err) {
        Path home;
        Path realm;
        Path stamp;
        Path zip;
        try {
            if (args.isEmpty() || !args.get(0).equals("prepare")) {
                throw new IllegalArgumentException("unknown keycloak command " + (args.isEmpty() ? "(none)"
                        : "'" + args.get(0) + "'"));
            }
            Args options = Args.parse(args.subList(1, args.size()), SPEC);
            if (!options.has("--home", "--realm-file", "--stamp")) {
                throw new IllegalArgumentException("--home, --realm-file and --stamp are required");
            }
            home = Path.of(options.required("--home"));
            realm = Path.of(options.required("--realm-file"));
            stamp = Path.of(options.required("--stamp"));
            zip = options.optional("--zip").map(Path::of).orElse(null);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "; " + USAGE);
            return 2;
        }
        try {
            if (!installed(home)) {
                if (zip == null) {
                    throw new IllegalStateException("no Keycloak in " + home + " and no --zip to unpack it from");
                }
                unpack(zip, home);
            }
            RealmImport prepared = prepareRealmImport(home, realm, stamp);
            if (prepared.databaseReset()) {
                out.printf("%-14s %s changed: resetting Keycloak's local database to import it again%n", "keycloak",
                        realm);
            }
            if (prepared.freshDatabase()) {
                out.printf("%-14s starting on a fresh database: importing realm %s (the very first start takes about"
                        + " a minute) ...%n", "keycloak", realmName(realm));
            }
            out.flush();
            return 0;
        } catch (IllegalStateException | IOException | UncheckedIOException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private KeycloakInstall() {
    }
}
