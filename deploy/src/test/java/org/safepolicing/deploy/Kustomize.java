package org.safepolicing.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization offline with {@code kubectl kustomize} (or a stand-alone {@code kustomize build}).
 * Which binary: {@code KUSTOMIZE_BIN} (environment or system property; a path to kubectl or kustomize), else
 * {@code kubectl} on PATH, else {@code kustomize} on PATH. None found is a failure that says how to install one.
 */
final class Kustomize {

    static final String HOW_TO_INSTALL = """
            The deploy check renders every overlay with kubectl kustomize (kustomize v5) and needs one of these; \
            install it, then run again:
              - kubectl 1.27 or newer (bundles kustomize v5): see https://kubernetes.io/docs/tasks/tools/ \
            (Debian/Ubuntu: the Kubernetes apt repository's package "kubectl"; the Debian bookworm package \
            "kubernetes-client" is 1.20 and too old), or
              - a kustomize v5 binary (https://kubectl.docs.kubernetes.io/installation/kustomize/), or
              - set KUSTOMIZE_BIN to the full path of either.
            Nothing is fetched at render time: the overlays use no remote bases and no Helm charts.""";

    private Kustomize() {
    }

    /** The command prefix that renders a directory, e.g. [kubectl, kustomize] or [kustomize, build]. */
    static List<String> command() {
        String configured = Optional.ofNullable(System.getProperty("KUSTOMIZE_BIN")).orElse(System.getenv("KUSTOMIZE_BIN"));
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin)) {
                throw new AssertionError("KUSTOMIZE_BIN=" + configured + " is not an executable file.\n" + HOW_TO_INSTALL);
            }
            return bin.getFileName().toString().startsWith("kustomize") ? List.of(configured, "build")
                    : List.of(configured, "kustomize");
        }
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return List.of(kubectl.get().toString(), "kustomize");
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build");
        }
        throw new AssertionError("Neither kubectl nor kustomize is on PATH.\n" + HOW_TO_INSTALL);
    }

    static String render(Path kustomization) {
        List<String> cmd = new ArrayList<>(command());
        cmd.add(kustomization.toString());
        try {
            File err = File.createTempFile("kustomize", ".err");
            File out = File.createTempFile("kustomize", ".out");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err).redirectOutput(out).start();
                if (!p.waitFor(180, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", cmd) + " did not finish in 180 s");
                }
                String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + stderr);
                }
                return Files.readString(out.toPath(), StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err.toPath());
                Files.deleteIfExists(out.toPath());
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", cmd) + ": " + e.getMessage() + "\n" + HOW_TO_INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + kustomization, e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
