package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.server.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One element of {@code carriers:} in smsgate.yaml as the file writes it: where the carrier's SMSC is, as whom we
 * bind, its binds and their timers, reconnect back-off, adaptive rate, status table overrides, in-flight policy and
 * the name of its profile in config/carriers/ ({@link CarrierProfiles}). {@link #toConfig} turns it into the
 * {@link CarrierConfig} a connector runs with; {@link Carriers#validate} checks every element when the file loads.
 * A missing key takes {@link #DEFAULTS}; {@code id}, {@code host} and {@code port} have no usable default and are
 * refused when missing. The password is masked in {@link #toString()}.
 *
 * @param interfaceVersion what our binds offer: {@code "3.4"} or {@code "5.0"} ({@code interface-version})
 * @param statuses command_status → class overrides of the standard table; keys {@code 0x58}, {@code 88} or
 *     {@code ESME_RTHROTTLED} ({@code statuses})
 * @param profile a carrier profile's name: config/carriers/{@code <profile>}.yaml, or {@code default}
 * @param maxPduLength the largest PDU the carrier may send ({@code max-pdu-length}, 16B..1MiB)
 * @param moReassembly the bounds on the carrier's concatenated MOs being put back together ({@code mo-reassembly})
 */
public record CarrierEntry(String id, String host, int port, String systemId, String password, String systemType,
                           String interfaceVersion, Tls tls, List<BindConfig> binds, ReconnectConfig reconnect,
                           RateConfig rate, Map<String, StatusClass> statuses, InFlightPolicy inFlight, String profile,
                           int queueCapacity, Duration retryDelay, int maxTemporaryRetries,
                           int maxConnectionResets, DataSize maxPduLength, MoReassemblyConfig moReassembly) {

    public static final CarrierEntry DEFAULTS = new CarrierEntry("", "", 0, "", "", "", "3.4", Tls.DEFAULTS,
            List.of(BindConfig.DEFAULTS), ReconnectConfig.DEFAULTS, RateConfig.DEFAULTS, Map.of(),
            InFlightPolicy.RESUBMIT, CarrierProfiles.DEFAULT, 10_000, Duration.ofSeconds(1), 3,
            CarrierConfig.DEFAULT_MAX_CONNECTION_RESETS, DataSize.ofBytes(CarrierConfig.DEFAULT_MAX_PDU_LENGTH),
            MoReassemblyConfig.DEFAULTS);

    public CarrierEntry {
        requireNonNull(id, "id");
        requireNonNull(host, "host");
        requireNonNull(systemId, "systemId");
        requireNonNull(password, "password");
        requireNonNull(systemType, "systemType");
        requireNonNull(interfaceVersion, "interfaceVersion");
        requireNonNull(tls, "tls");
        binds = List.copyOf(binds);
        requireNonNull(reconnect, "reconnect");
        requireNonNull(rate, "rate");
        statuses = Map.copyOf(statuses);
        requireNonNull(inFlight, "inFlight");
        requireNonNull(profile, "profile");
        requireNonNull(retryDelay, "retryDelay");
        requireNonNull(maxPduLength, "maxPduLength");
        requireNonNull(moReassembly, "moReassembly");
    }

    /** TLS to the carrier's SMSC ({@code tls.enabled}; {@code tls.trust-certificates}: a PEM bundle of CAs). */
    public record Tls(boolean enabled, Optional<Path> trustCertificates) {

        public static final Tls DEFAULTS = new Tls(false, Optional.empty());

        public Tls {
            requireNonNull(trustCertificates, "trustCertificates");
        }
    }

    /** The connector's settings with {@code carrierProfile} resolved from {@link #profile()}; refuses bad values. */
    public CarrierConfig toConfig(CarrierProfile carrierProfile) {
        return new CarrierConfig(id, host, port, systemId, password, systemType, version(), tls.enabled(),
                tls.trustCertificates(), binds, reconnect, rate, statusTable(), inFlight, carrierProfile,
                queueCapacity, retryDelay, maxTemporaryRetries, maxConnectionResets,
                (int) Math.min(maxPduLength.bytes(), Integer.MAX_VALUE), moReassembly);
    }

    private InterfaceVersion version() {
        return switch (interfaceVersion.trim()) {
            case "3.4", "0x34" -> InterfaceVersion.V34;
            case "5.0", "0x50" -> InterfaceVersion.V50;
            default -> throw new IllegalArgumentException("carriers." + id + ".interface-version: '" + interfaceVersion
                    + "' (expected: 3.4 or 5.0)");
        };
    }

    private StatusTable statusTable() {
        Map<Integer, StatusClass> table = new HashMap<>();
        statuses.forEach((key, statusClass) -> table.put(statusCode(key), statusClass));
        return new StatusTable(table);
    }

    private int statusCode(String key) {
        String text = key.trim();
        try {
            if (text.toLowerCase(Locale.ROOT).startsWith("0x")) {
                return Integer.parseUnsignedInt(text.substring(2), 16);
            }
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return Integer.parseUnsignedInt(text);
            }
            return CommandStatus.valueOf(text).code();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("carriers." + id + ".statuses." + key
                    + ": unknown command_status (expected: 0x… hex, decimal, or a name such as ESME_RTHROTTLED)", e);
        }
    }

    @Override
    public String toString() {
        return "CarrierEntry[id=" + id + ", host=" + host + ", port=" + port + ", systemId=" + systemId
                + ", password=***, systemType=" + systemType + ", interfaceVersion=" + interfaceVersion + ", tls=" + tls
                + ", binds=" + binds + ", reconnect=" + reconnect + ", rate=" + rate + ", statuses=" + statuses
                + ", inFlight=" + inFlight + ", profile=" + profile + ", queueCapacity=" + queueCapacity
                + ", retryDelay=" + retryDelay + ", maxTemporaryRetries=" + maxTemporaryRetries + ", maxConnectionResets="
                + maxConnectionResets + ", maxPduLength=" + maxPduLength + ", moReassembly=" + moReassembly + "]";
    }
}
