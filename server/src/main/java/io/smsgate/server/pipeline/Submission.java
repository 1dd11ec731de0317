package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.Price;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message a client handed us (submit_sm, data_sm, one destination of submit_multi, or the HTTP send API), already
 * validated by its front end, before the store has it.
 *
 * @param parts the client's segments in order, without their concatenation headers (the UDH concatenation IE or
 *     the SAR TLVs are removed); one part for a single message. Their octets joined are the whole text in
 *     {@code dataCoding}.
 * @param esmClass esm_class as stored: the UDHI bit is set only when the parts still carry a user data header
 *     (ports, national language shifts) after the concatenation IE was removed
 * @param validityUntil validity_period as an absolute time
 * @param notBefore schedule_delivery_time as an absolute time
 * @param clientRef the client's own reference (the HTTP API's client_reference), when it gave one
 * @param tlvs the client's optional parameters to pass on to the carrier, encoded as on the wire
 *     ({@code PassOnTlvs}); empty for none
 * @param statusCallback where the HTTP API client wants status callbacks, when it gave one
 * @param price the price the front end quoted the client (the HTTP 202 answer), stored as it is; empty lets the
 *     {@link Ingest} rate it ({@link Rating})
 */
public record Submission(String systemId, Address source, Address destination, int esmClass, int protocolId,
                         int priorityFlag, int dataCoding, int registeredDelivery, Optional<Instant> validityUntil,
                         Optional<Instant> notBefore, Optional<String> clientRef, List<OctetString> parts,
                         OctetString tlvs, Optional<String> statusCallback, Optional<Price> price) {

    public Submission {
        requireNonNull(systemId, "systemId");
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        requireNonNull(validityUntil, "validityUntil");
        requireNonNull(notBefore, "notBefore");
        requireNonNull(clientRef, "clientRef");
        requireNonNull(tlvs, "tlvs");
        requireNonNull(statusCallback, "statusCallback");
        requireNonNull(price, "price");
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > 255) {
            throw new IllegalArgumentException("parts: " + parts.size() + " (expected: 1..255)");
        }
    }

    /** A submission without a quoted price. */
    public Submission(String systemId, Address source, Address destination, int esmClass, int protocolId,
                      int priorityFlag, int dataCoding, int registeredDelivery, Optional<Instant> validityUntil,
                      Optional<Instant> notBefore, Optional<String> clientRef, List<OctetString> parts,
                      OctetString tlvs, Optional<String> statusCallback) {
        this(systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding, registeredDelivery,
                validityUntil, notBefore, clientRef, parts, tlvs, statusCallback, Optional.empty());
    }

    /** A submission without optional parameters to pass on and without a status callback (SMPP, MM7). */
    public Submission(String systemId, Address source, Address destination, int esmClass, int protocolId,
                      int priorityFlag, int dataCoding, int registeredDelivery, Optional<Instant> validityUntil,
                      Optional<Instant> notBefore, Optional<String> clientRef, List<OctetString> parts) {
        this(systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding, registeredDelivery,
                validityUntil, notBefore, clientRef, parts, OctetString.EMPTY, Optional.empty());
    }

    /** A submission with optional parameters to pass on and without a status callback (SMPP). */
    public Submission(String systemId, Address source, Address destination, int esmClass, int protocolId,
                      int priorityFlag, int dataCoding, int registeredDelivery, Optional<Instant> validityUntil,
                      Optional<Instant> notBefore, Optional<String> clientRef, List<OctetString> parts,
                      OctetString tlvs) {
        this(systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding, registeredDelivery,
                validityUntil, notBefore, clientRef, parts, tlvs, Optional.empty());
    }

    /** A single-part message with the given text octets and no validity or schedule. */
    public static Submission single(String systemId, Address source, Address destination, int dataCoding,
            int registeredDelivery, OctetString text) {
        return new Submission(systemId, source, destination, 0, 0, 0, dataCoding, registeredDelivery,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(text));
    }

    public Submission withDestination(Address newDestination) {
        return new Submission(systemId, source, newDestination, esmClass, protocolId, priorityFlag, dataCoding,
                registeredDelivery, validityUntil, notBefore, clientRef, parts, tlvs, statusCallback, price);
    }

    /** This submission held until {@code release} (quiet hours). */
    public Submission withNotBefore(Instant release) {
        return new Submission(systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding,
                registeredDelivery, validityUntil, Optional.of(release), clientRef, parts, tlvs, statusCallback, price);
    }

    /** This submission with the price quoted to its client. */
    public Submission withPrice(Optional<Price> quoted) {
        return new Submission(systemId, source, destination, esmClass, protocolId, priorityFlag, dataCoding,
                registeredDelivery, validityUntil, notBefore, clientRef, parts, tlvs, statusCallback, quoted);
    }
}
