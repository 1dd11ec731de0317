package io.smsgate.simulator.config;

import java.util.Map;
import java.util.Optional;

/**
 * The SMPP 3.4 §5.1.3 / 5.0 §4.7.6 command_status names an operator may write in a simulator file
 * instead of a number; unknown and vendor codes are written as numbers.
 */
public final class StatusNames {
    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("ESME_ROK", 0x00),
            Map.entry("ESME_RINVMSGLEN", 0x01),
            Map.entry("ESME_RINVCMDLEN", 0x02),
            Map.entry("ESME_RINVCMDID", 0x03),
            Map.entry("ESME_RINVBNDSTS", 0x04),
            Map.entry("ESME_RALYBND", 0x05),
            Map.entry("ESME_RSYSERR", 0x08),
            Map.entry("ESME_RINVSRCADR", 0x0A),
            Map.entry("ESME_RINVDSTADR", 0x0B),
            Map.entry("ESME_RINVMSGID", 0x0C),
            Map.entry("ESME_RBINDFAIL", 0x0D),
            Map.entry("ESME_RINVPASWD", 0x0E),
            Map.entry("ESME_RINVSYSID", 0x0F),
            Map.entry("ESME_RCANCELFAIL", 0x11),
            Map.entry("ESME_RREPLACEFAIL", 0x13),
            Map.entry("ESME_RMSGQFUL", 0x14),
            Map.entry("ESME_RINVSERTYP", 0x15),
            Map.entry("ESME_RSUBMITFAIL", 0x45),
            Map.entry("ESME_RINVDSTTON", 0x50),
            Map.entry("ESME_RINVDSTNPI", 0x51),
            Map.entry("ESME_RTHROTTLED", 0x58),
            Map.entry("ESME_RINVSCHED", 0x61),
            Map.entry("ESME_RINVEXPIRY", 0x62),
            Map.entry("ESME_RX_T_APPN", 0x64),
            Map.entry("ESME_RX_P_APPN", 0x65),
            Map.entry("ESME_RX_R_APPN", 0x66),
            Map.entry("ESME_RQUERYFAIL", 0x67),
            Map.entry("ESME_RDELIVERYFAILURE", 0xFE),
            Map.entry("ESME_RUNKNOWNERR", 0xFF),
            Map.entry("ESME_RINVDCS", 0x104));

    private static final Map<Integer, String> NAMES = names();

    private StatusNames() {
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new java.util.HashMap<>();
        CODES.forEach((name, code) -> names.put(code, name));
        return Map.copyOf(names);
    }

    /** {@code 0x00000058 ESME_RTHROTTLED}, or just the hex for codes without a name here. */
    public static String describe(int code) {
        String hex = String.format("0x%08x", code);
        String name = NAMES.get(code);
        return name == null ? hex : hex + " " + name;
    }

    public static Optional<Integer> code(String name) {
        return Optional.ofNullable(CODES.get(name));
    }
}
