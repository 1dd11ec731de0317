package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.BindType;
import java.util.List;
import java.util.Set;

/**
 * An upstream client account as stored: who may bind (system_id, password hash, bind types, how many binds,
 * from which networks) and how it is served (TPS limit, deliver_sm window, receipt format).
 *
 * @param passwordHash the KDF output the bind handler verifies against (never the password); masked in toString
 * @param cidrAllowlist networks a bind may come from; empty admits none (fails closed)
 */
public record Account(String systemId, String passwordHash, Set<BindType> allowedBindTypes, int maxBinds,
                      List<String> cidrAllowlist, int tpsLimit, int deliverWindow, String receiptFormat,
                      boolean enabled) {

    public Account {
        requireNonNull(systemId, "systemId");
        requireNonNull(passwordHash, "passwordHash");
        requireNonNull(receiptFormat, "receiptFormat");
        allowedBindTypes = Set.copyOf(allowedBindTypes);
        cidrAllowlist = List.copyOf(cidrAllowlist);
        // SMPP 3.4 §5.2.1: system_id is a C-Octet String of at most 16 octets, NUL included.
        if (systemId.isEmpty() || systemId.length() > 15) {
            throw new IllegalArgumentException("system_id: '" + systemId + "' (expected: 1..15 characters)");
        }
        if (maxBinds < 1) {
            throw new IllegalArgumentException("max_binds: " + maxBinds + " (expected: >= 1)");
        }
        if (tpsLimit < 1) {
            throw new IllegalArgumentException("tps_limit: " + tpsLimit + " (expected: >= 1)");
        }
        if (deliverWindow < 1) {
            throw new IllegalArgumentException("deliver_window: " + deliverWindow + " (expected: >= 1)");
        }
    }

    @Override
    public String toString() {
        return "Account[systemId=" + systemId + ", passwordHash=***, allowedBindTypes=" + allowedBindTypes
                + ", maxBinds=" + maxBinds + ", cidrAllowlist=" + cidrAllowlist + ", tpsLimit=" + tpsLimit
                + ", deliverWindow=" + deliverWindow + ", receiptFormat=" + receiptFormat + ", enabled=" + enabled
                + "]";
    }
}
