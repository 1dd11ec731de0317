package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.dlr.ReceiptFormat;
import io.smsgate.protocol.smpp.pdu.BindType;
import java.util.Set;

/**
 * An upstream account as the server enforces it: who may bind how, from where, how often, and how its receipts
 * are written. The password hash is never printed.
 *
 * @param passwordHash an Argon2id PHC string ({@link PasswordHasher})
 * @param deliverWindow deliver_sm we keep outstanding per receiver bind of this account
 */
public record Account(String systemId, String passwordHash, Set<BindType> allowedBindTypes, int maxBinds,
                      CidrAllowlist allowlist, int tpsLimit, int deliverWindow, ReceiptFormat receiptFormat,
                      boolean enabled) {

    public Account {
        requireNonNull(systemId, "systemId");
        requireNonNull(passwordHash, "passwordHash");
        allowedBindTypes = Set.copyOf(allowedBindTypes);
        requireNonNull(allowlist, "allowlist");
        requireNonNull(receiptFormat, "receiptFormat");
        if (maxBinds < 1 || tpsLimit < 1 || deliverWindow < 1) {
            throw new IllegalArgumentException("account " + systemId + ": max_binds " + maxBinds + ", tps_limit "
                    + tpsLimit + ", deliver_window " + deliverWindow + " (expected: >= 1 each)");
        }
    }

    @Override
    public String toString() {
        return "Account[systemId=" + systemId + ", passwordHash=***, allowedBindTypes=" + allowedBindTypes
                + ", maxBinds=" + maxBinds + ", allowlist=" + allowlist + ", tpsLimit=" + tpsLimit
                + ", deliverWindow=" + deliverWindow + ", enabled=" + enabled + "]";
    }
}
