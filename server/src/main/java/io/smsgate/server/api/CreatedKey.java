package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

/**
 * A key just created: its description and the bearer token, shown to the operator once and never stored.
 * {@link #toString()} masks the token.
 */
public record CreatedKey(ApiKey key, String token) {

    public CreatedKey {
        requireNonNull(key, "key");
        requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "CreatedKey[key=" + key + ", token=***]";
    }
}
