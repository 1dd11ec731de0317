package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as accepted from a client, before the store has it: the submit_sm fields we keep (SMPP 3.4
 * §4.4.1) and its parts, one per segment the client sent (one for a single message).
 *
 * @param id our id; its time is the row's {@code created_at}
 * @param validityUntil validity_period as an absolute time
 * @param notBefore schedule_delivery_time as an absolute time
 * @param clientRef the client's own reference (e.g. an HTTP idempotency key), when it gave one
 * @param parts each segment's short_message (or message_payload), in order
 * @param tlvs the optional parameters to pass on, encoded as on the wire
 * @param statusCallback the URL the HTTP API client asked status callbacks at (issue #6), when it gave one
 * @param price what the route plan charges for it, decided at accept; empty when its route is not rated
 */
public record NewMessage(MessageId id, String systemId, Address source, Address destination, int esmClass,
                         int protocolId, int priorityFlag, int dataCoding, int registeredDelivery,
                         Optional<Instant> validityUntil, Optional<Instant> notBefore, Optional<String> clientRef,
                         List<OctetString> parts, OctetString tlvs, Optional<String> statusCallback,
                         Optional<Price> price) {

    public NewMessage {
        requireNonNull(id, "id");
        requireNonNull(systemId, "systemId");
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        requireNonNull(validityUntil, "validityUntil");
        requireNonNull(notBefore, "notBefore");
        requireNonNull(clientRef, "clientRef");
        requireNonNull(tlvs, "tlvs");
        requireNonNull(statusCallback, "statusCallback");
        requireNonNull(price, "price");
        u8("esm_class", esmClass);
        u8("protocol_id", protocolId);
        u8("priority_flag", priorityFlag);
        u8("data_coding", dataCoding);
        u8("registered_delivery", registeredDelivery);
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > 255) {
            throw new IllegalArgumentException("parts: " + parts.size() + " (expected: 1..255)");
        }
    }

    /** An unrated message (no price). */
    public NewMessage(MessageId id, String systemId, Address source, Address destination, int esmClass,
                      int protocolId, int priorityFlag, int dataCoding, int registeredDelivery,
                      Optional<Instant> validityUntil, Optional<Instant> notBefore, Optional<String> clientRef,
                      List<OctetString> parts, OctetString tlvs, Optional<String> statusCallback) {
        this(id, systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding, registeredDelivery,
                validityUntil, notBefore, clientRef, parts, tlvs, statusCallback, Optional.empty());
    }

    /** A message without a status callback (SMPP, MM7: their receipts go back the way they came). */
    public NewMessage(MessageId id, String systemId, Address source, Address destination, int esmClass,
                      int protocolId, int priorityFlag, int dataCoding, int registeredDelivery,
                      Optional<Instant> validityUntil, Optional<Instant> notBefore, Optional<String> clientRef,
                      List<OctetString> parts, OctetString tlvs) {
        this(id, systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding, registeredDelivery,
                validityUntil, notBefore, clientRef, parts, tlvs, Optional.empty());
    }

    /** When it was accepted: the time in its id. */
    public Instant createdAt() {
        return id.createdAt();
    }

    private static void u8(String field, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 0..255)");
        }
    }
}
