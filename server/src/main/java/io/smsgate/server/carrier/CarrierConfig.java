package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.codec.PduLimits;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One carrier we bind to ({@code carriers.<id>} in config/carriers/*.yaml): where, as whom, over which binds, and
 * how its answers are read. The password is masked in {@link #toString()}.
 *
 * @param interfaceVersion what our binds offer ({@code interface-version}: 0x34 or 0x50)
 * @param tls TLS to the SMSC ({@code tls.enabled}); {@code trustCertificates} is a PEM bundle of the CAs to trust,
 *     the JVM's trust store when empty
 * @param queueCapacity messages waiting for this carrier's binds; over it {@link CarrierConnector#canAccept()} is
 *     false ({@code queue-capacity})
 * @param retryDelay wait before a TEMPORARY status or a THROTTLED one is retried ({@code retry-delay})
 * @param maxTemporaryRetries TEMPORARY statuses a part may get here before it counts as a route failure
 *     ({@code max-temporary-retries})
 * @param maxConnectionResets connections lost with a message the only one in flight (under
 *     {@link InFlightPolicy#RESUBMIT}) after which it fails instead of going again: a message that makes the SMSC
 *     drop the connection every time must not loop until max-route-wait ({@code max-connection-resets})
 * @param maxPduLength the largest PDU (command_length) the carrier may send us; a larger one closes the connection
 *     before it is buffered ({@code max-pdu-length})
 * @param moReassembly how the carrier's concatenated MOs are put back together ({@code mo-reassembly})
 */
public record CarrierConfig(String id, String host, int port, String systemId, String password, String systemType,
                            InterfaceVersion interfaceVersion, boolean tls, Optional<Path> trustCertificates,
                            List<BindConfig> binds, ReconnectConfig reconnect, RateConfig rate, StatusTable statuses,
                            InFlightPolicy inFlight, CarrierProfile profile, int queueCapacity, Duration retryDelay,
                            int maxTemporaryRetries, int maxConnectionResets, int maxPduLength,
                            MoReassemblyConfig moReassembly) {

    /** A message in flight on three lost connections in a row is the likelier cause than the carrier. */
    public static final int DEFAULT_MAX_CONNECTION_RESETS = 3;

    /** 64 KiB holds a deliver_sm with a full message_payload, as on the upstream side (smpp.max-pdu-length). */
    public static final int DEFAULT_MAX_PDU_LENGTH = PduLimits.DEFAULTS.maxPduLength();

    public CarrierConfig {
        requireNonNull(id, "id");
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("carriers.id: '" + id + "' (expected: 1-32 of a-z 0-9 _ -)");
        }
        requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("carriers." + id + ".host: '' (expected: a host name or address)");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("carriers." + id + ".port: " + port + " (expected: 1..65535)");
        }
        requireNonNull(systemId, "systemId");
        requireNonNull(password, "password");
        requireNonNull(systemType, "systemType");
        requireNonNull(interfaceVersion, "interfaceVersion");
        if (!interfaceVersion.equals(InterfaceVersion.V34) && !interfaceVersion.equals(InterfaceVersion.V50)) {
            throw new IllegalArgumentException("carriers." + id + ".interface-version: " + interfaceVersion
                    + " (expected: 0x34 or 0x50)");
        }
        requireNonNull(trustCertificates, "trustCertificates");
        binds = List.copyOf(binds);
        if (binds.isEmpty() || binds.size() > 64) {
            throw new IllegalArgumentException("carriers." + id + ".binds: " + binds.size() + " (expected: 1..64)");
        }
        if (binds.stream().noneMatch(bind -> bind.type().canTransmit())) {
            throw new IllegalArgumentException("carriers." + id + ".binds: no TX or TRX (expected: at least one)");
        }
        requireNonNull(reconnect, "reconnect");
        requireNonNull(rate, "rate");
        requireNonNull(statuses, "statuses");
        requireNonNull(inFlight, "inFlight");
        requireNonNull(profile, "profile");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("carriers." + id + ".queue-capacity: " + queueCapacity
                    + " (expected: >= 1)");
        }
        BindConfig.positive("carriers." + id + ".retry-delay", retryDelay);
        if (maxTemporaryRetries < 0) {
            throw new IllegalArgumentException("carriers." + id + ".max-temporary-retries: " + maxTemporaryRetries
                    + " (expected: >= 0)");
        }
        if (maxConnectionResets < 1) {
            throw new IllegalArgumentException("carriers." + id + ".max-connection-resets: " + maxConnectionResets
                    + " (expected: >= 1)");
        }
        if (maxPduLength < PduLimits.HEADER_LENGTH || maxPduLength > 1 << 20) {
            throw new IllegalArgumentException("carriers." + id + ".max-pdu-length: " + maxPduLength
                    + "B (expected: 16B..1MiB)");
        }
        requireNonNull(moReassembly, "moReassembly");
    }

    /** The codec limits of this carrier's sessions. */
    public PduLimits limits() {
        return new PduLimits(maxPduLength);
    }

    /** A plain-TCP SMPP 3.4 carrier with one TRX bind and every other setting at its default. */
    public static CarrierConfig of(String id, String host, int port, String systemId, String password) {
        return new CarrierConfig(id, host, port, systemId, password, "", InterfaceVersion.V34, false, Optional.empty(),
                List.of(BindConfig.DEFAULTS), ReconnectConfig.DEFAULTS, RateConfig.DEFAULTS, StatusTable.STANDARD,
                InFlightPolicy.RESUBMIT, CarrierProfile.DEFAULTS, 10_000, Duration.ofSeconds(1), 3,
                DEFAULT_MAX_CONNECTION_RESETS, DEFAULT_MAX_PDU_LENGTH, MoReassemblyConfig.DEFAULTS);
    }

    public CarrierConfig withBinds(List<BindConfig> value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, value, reconnect, rate, statuses, inFlight, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withReconnect(ReconnectConfig value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, value, rate, statuses, inFlight, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withRate(RateConfig value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, reconnect, value, statuses, inFlight, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withInFlight(InFlightPolicy value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, reconnect, rate, statuses, value, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withProfile(CarrierProfile value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, reconnect, rate, statuses, inFlight, value, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withInterfaceVersion(InterfaceVersion value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, value, tls,
                trustCertificates, binds, reconnect, rate, statuses, inFlight, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withRetryDelay(Duration value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, reconnect, rate, statuses, inFlight, profile, queueCapacity, value,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, moReassembly);
    }

    public CarrierConfig withMaxConnectionResets(int value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, reconnect, rate, statuses, inFlight, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, value, maxPduLength, moReassembly);
    }

    public CarrierConfig withMoReassembly(MoReassemblyConfig value) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, interfaceVersion, tls,
                trustCertificates, binds, reconnect, rate, statuses, inFlight, profile, queueCapacity, retryDelay,
                maxTemporaryRetries, maxConnectionResets, maxPduLength, value);
    }

    @Override
    public String toString() {
        return "CarrierConfig[id=" + id + ", host=" + host + ", port=" + port + ", systemId=" + systemId
                + ", password=***, systemType=" + systemType + ", interfaceVersion=" + interfaceVersion + ", tls="
                + tls + ", binds=" + binds + ", reconnect=" + reconnect + ", rate=" + rate + ", inFlight=" + inFlight
                + ", profile=" + profile + ", queueCapacity=" + queueCapacity + ", maxConnectionResets="
                + maxConnectionResets + ", maxPduLength=" + maxPduLength + ", moReassembly=" + moReassembly + "]";
    }
}
