package org.safepolicing.coresponder.program;

import java.util.UUID;

/**
 * Who runs a program: a police agency (its ORI) or a community provider that is not a police agency (its provider id).
 * Exactly one of the two is set.
 */
public record ProgramOwner(String ori, UUID providerId) {

    public static ProgramOwner agency(String ori) {
        return new ProgramOwner(ori, null);
    }

    public static ProgramOwner provider(UUID providerId) {
        return new ProgramOwner(null, providerId);
    }

    /** Whether {@code program} belongs to this owner; another owner's program is "not found" from here. */
    public boolean owns(Program program) {
        return ori != null ? ori.equals(program.ori) : providerId.equals(program.providerId);
    }
}
