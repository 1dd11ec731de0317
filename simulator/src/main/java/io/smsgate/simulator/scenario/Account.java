package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

/** A system_id/password pair a simulated carrier accepts (SMPP 3.4 §4.1: at most 15 and 8 characters). */
public record Account(String systemId, String password) {
    public Account {
        requireNonNull(systemId, "systemId");
        requireNonNull(password, "password");
        if (systemId.isEmpty() || systemId.length() > 15) {
            throw new IllegalArgumentException("system-id: \"" + systemId + "\" (expected: 1..15 characters)");
        }
        if (password.length() > 8) {
            throw new IllegalArgumentException("password: " + password.length() + " characters (expected: <= 8)");
        }
    }

    @Override
    public String toString() {
        return "Account[systemId=" + systemId + ", password=***]";
    }
}
