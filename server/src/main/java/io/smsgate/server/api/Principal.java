package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

/** Who a request is from: the API key that authenticated it and that key's account (its SMPP system_id). */
record Principal(String keyId, String systemId) {

    Principal {
        requireNonNull(keyId, "keyId");
        requireNonNull(systemId, "systemId");
    }
}
