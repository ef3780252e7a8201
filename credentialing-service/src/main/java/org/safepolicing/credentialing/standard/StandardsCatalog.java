package org.safepolicing.credentialing.standard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One published version of DOJ's standards. A credential is assessed and decided under the version that was current
 * when it was sought, and keeps it; a newer version changes nothing already decided.
 */
public record StandardsCatalog(String version, String title, Instant publishedAt, List<Standard> standards) {

    /** The order itself requires these two in every version: EO 13929 Sec. 2(c)(i) (UOF_LAWFUL) and 2(c)(ii) (CHOKEHOLD_BAN). */
    public static final List<String> ORDER_MANDATORY = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN");

    public record Standard(String code, StandardKind kind, String title) {
    }

    public Optional<Standard> find(String code) {
        return standards.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public boolean contains(String code) {
        return find(code).isPresent();
    }

    public Set<String> codes(StandardKind kind) {
        TreeSet<String> codes = new TreeSet<>();
        standards.stream().filter(s -> s.kind() == kind).forEach(s -> codes.add(s.code()));
        return codes;
    }

    /** Mandatory codes of this version that {@code covered} leaves out. */
    public Set<String> missingMandatory(List<String> covered) {
        Set<String> missing = codes(StandardKind.MANDATORY);
        missing.removeAll(covered);
        return missing;
    }
}
