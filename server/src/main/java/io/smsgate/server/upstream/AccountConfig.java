package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.FieldLimits;
import java.util.List;
import java.util.Set;

/**
 * One account seeded from configuration ({@code smpp.accounts[]}): created or updated in the {@code account} table
 * at start-up, its password hashed there (the demo and tests use it; operators use the admin API). The password is
 * masked in {@link #toString()}.
 *
 * @param receiptFormat {@code SMPP34} (10-digit dates), {@code SMPP34_SECONDS} (12 digits) or {@code YYYY} (14)
 */
public record AccountConfig(String systemId, String password, Set<BindType> bindTypes, int maxBinds,
                            List<String> allowlist, int tpsLimit, int deliverWindow, String receiptFormat) {

    public AccountConfig {
        requireNonNull(systemId, "systemId");
        requireNonNull(password, "password");
        if (systemId.isEmpty() || systemId.length() > FieldLimits.SYSTEM_ID) {
            throw new IllegalArgumentException("smpp.accounts.system-id: '" + systemId + "' (expected: 1.."
                    + FieldLimits.SYSTEM_ID + " characters)");
        }
        if (password.isEmpty() || password.length() > FieldLimits.PASSWORD) {
            // The length only: a password is never written to a log or a message.
            throw new IllegalArgumentException("smpp.accounts.password: " + password.length()
                    + " characters (expected: 1.." + FieldLimits.PASSWORD + ")");
        }
        bindTypes = Set.copyOf(bindTypes);
        allowlist = List.copyOf(allowlist);
        for (int i = 0; i < allowlist.size(); i++) {
            try {
                CidrAllowlist.parse(List.of(allowlist.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("smpp.accounts.allowlist: '" + allowlist.get(i)
                        + "' (expected: an IPv4 or IPv6 address/prefix such as 10.0.0.0/8)", e);
            }
        }
        Receipts.format(receiptFormat);
        if (maxBinds < 1) {
            throw new IllegalArgumentException("smpp.accounts.max-binds: " + maxBinds + " (expected: >= 1)");
        }
        if (tpsLimit < 1) {
            throw new IllegalArgumentException("smpp.accounts.tps-limit: " + tpsLimit + " (expected: >= 1)");
        }
        // The session window behind it holds at most 65536 outstanding requests (WindowConfig).
        if (deliverWindow < 1 || deliverWindow > 65_536) {
            throw new IllegalArgumentException("smpp.accounts.deliver-window: " + deliverWindow
                    + " (expected: 1..65536)");
        }
    }

    /** Every bind type, 4 binds, 100 TPS, a window of 10, the specification's receipt format. */
    public static AccountConfig of(String systemId, String password, List<String> allowlist) {
        return new AccountConfig(systemId, password, Set.of(BindType.values()), 4, allowlist, 100, 10, "SMPP34");
    }

    public AccountConfig withMaxBinds(int newMaxBinds) {
        return new AccountConfig(systemId, password, bindTypes, newMaxBinds, allowlist, tpsLimit, deliverWindow,
                receiptFormat);
    }

    public AccountConfig withTpsLimit(int newTpsLimit) {
        return new AccountConfig(systemId, password, bindTypes, maxBinds, allowlist, newTpsLimit, deliverWindow,
                receiptFormat);
    }

    public AccountConfig withBindTypes(Set<BindType> newBindTypes) {
        return new AccountConfig(systemId, password, newBindTypes, maxBinds, allowlist, tpsLimit, deliverWindow,
                receiptFormat);
    }

    @Override
    public String toString() {
        return "AccountConfig[systemId=" + systemId + ", password=***, bindTypes=" + bindTypes + ", maxBinds="
                + maxBinds + ", allowlist=" + allowlist + ", tpsLimit=" + tpsLimit + ", deliverWindow="
                + deliverWindow + ", receiptFormat=" + receiptFormat + "]";
    }
}
