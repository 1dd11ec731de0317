package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** An API key as the store describes it (never the key itself): its id, account, name and revocation. */
public record ApiKey(String keyId, String systemId, String name, Instant createdAt, Optional<Instant> revokedAt) {

    public ApiKey {
        requireNonNull(keyId, "keyId");
        requireNonNull(systemId, "systemId");
        requireNonNull(name, "name");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(revokedAt, "revokedAt");
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
