package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.Topics;

/**
 * The runbook's procedures that change an overlay, done as written on a scratch overlay over production: partner
 * onboarding and keeping a restored database. The result still renders and still passes the checks.
 */
class RunbookTest {

    private static Path scratch(String name) throws IOException {
        Path dir = Repo.deployDir().resolve("target/runbook").resolve(name);
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void onboardingAPartnerAsTheRunbookSaysAddsAReadOnlyUser() throws IOException {
        // a copy of the production overlay (only the path to the base differs), then the runbook's two edits
        Path dir = scratch("partner");
        Path production = Repo.overlay("production");
        try (var files = Files.list(production)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path kustomization = dir.resolve("kustomization.yaml");
        String base = dir.relativize(Repo.deployDir().resolve("k8s/base")).toString();
        String text = Files.readString(kustomization).replace("  - ../../base\n", "  - " + base + "\n");
        assertTrue(text.contains("  - " + base + "\n"), "the production overlay lists ../../base under resources");
        String template = Files.readString(Repo.deployDir().resolve("k8s/partners/kafkauser-partner-template.yaml"));
        Files.createDirectories(dir.resolve("partners"));
        Files.writeString(dir.resolve("partners/partner-va0290100.yaml"), template.replace("PARTNER_ID", "partner-va0290100"));
        text = text.replace("  - " + base + "\n", "  - " + base + "\n  - partners/partner-va0290100.yaml\n");
        Files.writeString(kustomization, text);
        List<ObjectNode> docs = Repo.documents(Kustomize.render(dir));
        DeployChecker c = new DeployChecker(docs);
        JsonNode user = c.find("KafkaUser", "partner-va0290100").orElseThrow();
        assertEquals("safe-policing", user.path("metadata").path("namespace").asText(), "in the production namespace");
        assertEquals("safe-policing", user.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        assertTrue(DeployChecker.Acl.of(user).stream().allMatch(a -> a.operations().stream().allMatch(o -> o.equals("Read") || o.equals("Describe"))));
        assertTrue(DeployChecker.Acl.of(user).stream().anyMatch(a -> a.grants("group", "partner-va0290100-sync", "Read")));
        assertTrue(DeployChecker.Acl.of(user).stream().noneMatch(a -> a.grants("topic", Topics.deadLetter(Topics.GRANTS_SERVICE), "Read")));
        assertTrue(c.secrets().isEmpty(), c.secrets().toString());
        assertTrue(c.kafkaCluster(3, 3, 2).isEmpty(), "the partners listener is TLS + SCRAM: " + c.kafkaCluster(3, 3, 2));
    }

    @Test
    void theAfterRestorePatchKeepsTheRestoredCluster() throws IOException {
        Path dir = scratch("restore");
        Files.copy(Repo.deployDir().resolve("k8s/examples/after-restore-patch.yaml"), dir.resolve("restored-credentialing-db.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - path: restored-credentialing-db.yaml
                    target: {kind: Cluster, group: postgresql.cnpg.io, name: credentialing-db}
                """.formatted(dir.relativize(Repo.overlay("production"))));
        DeployChecker c = new DeployChecker(Repo.documents(Kustomize.render(dir)));
        JsonNode spec = c.find("Cluster", "credentialing-db").orElseThrow().path("spec");
        assertEquals("origin", spec.path("bootstrap").path("recovery").path("source").asText());
        assertTrue(spec.path("bootstrap").path("initdb").isMissingNode(), "initdb replaced by recovery");
        assertEquals("credentialing-db-r1", spec.path("plugins").path(0).path("parameters").path("serverName").asText());
        assertEquals("credentialing-db", spec.path("externalClusters").path(0).path("plugin").path("parameters").path("serverName").asText());
        // the restore manifest itself describes the same cluster
        JsonNode restore = Repo.documents(Repo.deployDir().resolve("k8s/examples/restore-cluster.yaml")).get(0);
        assertEquals(spec.path("bootstrap"), restore.path("spec").path("bootstrap"));
        assertEquals(spec.path("externalClusters"), restore.path("spec").path("externalClusters"));
        assertEquals(spec.path("plugins"), restore.path("spec").path("plugins"));
        assertEquals(spec.path("storage"), restore.path("spec").path("storage"));
        assertEquals(spec.path("managed"), restore.path("spec").path("managed"), "the restored cluster keeps the runtime role");
        assertTrue(c.databaseRoles(OverlaysTest.SERVICE_DATABASES).isEmpty(), c.databaseRoles(OverlaysTest.SERVICE_DATABASES).toString());
        JsonNode other = c.find("Cluster", "grants-db").orElseThrow().path("spec");
        assertTrue(other.path("bootstrap").has("initdb"), "other databases are untouched");
    }
}
