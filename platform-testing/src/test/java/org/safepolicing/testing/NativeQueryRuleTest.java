package org.safepolicing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeQueryRuleTest {

    @Test
    void aResultClassIsFoundWhereverTheSqlHasCommasOrParentheses() {
        String source = """
                class A {
                    void a() {
                        em.createNativeQuery("select id from t where f(x, y) = ?1").getResultList();
                        em.createNativeQuery(\"""
                                select a, b from t where c in (1, 2) and d = ')'
                                \""", Object[].class).getResultList();
                        em.createNativeQuery("select name from t", String.class);
                        em.createNativeQuery(SQL.formatted(filter(1, 2))).getResultList();
                        em.createNativeQuery(SQL.formatted(filter(1, 2)), java.util.UUID.class);
                    }
                }
                """;
        assertEquals(List.of(4, 7, 9), NativeQueryRule.violatingLines(source));
    }

    @Test
    void filesAreNamedWithTheirLine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("org/x"));
        Files.writeString(root.resolve("org/x/Good.java"), "class Good { Object q = em.createNativeQuery(\"select 1\"); }");
        Files.writeString(root.resolve("org/x/Bad.java"),
                "class Bad {\n  Object q = em.createNativeQuery(\"select 1\", Long.class);\n}\n");
        assertEquals(List.of(Path.of("org/x/Bad.java") + ":2"), NativeQueryRule.violations(root));
    }
}
