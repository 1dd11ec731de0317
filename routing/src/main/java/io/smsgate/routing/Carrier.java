package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/** A carrier the gateway can submit to, with the sender ID kinds its routes accept. */
public record Carrier(String id, Set<SenderType> senderTypes) {
    public Carrier {
        requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("carrier.id: '" + id + "' (expected: not blank)");
        }
        senderTypes = Set.copyOf(senderTypes);
        if (senderTypes.isEmpty()) {
            throw new IllegalArgumentException("carrier." + id + ".sender-types: [] (expected: at least one)");
        }
    }

    /** A carrier that accepts every kind of sender ID. */
    public static Carrier of(String id) {
        return new Carrier(id, EnumSet.allOf(SenderType.class));
    }
}
