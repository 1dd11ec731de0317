package io.smsgate.protocol.smpp.pdu;

import java.util.HashMap;
import java.util.Map;

/**
 * A command_status value (SMPP 3.4 §5.1.3, SMPP 5.0 §4.7.6). An open set: vendor codes such as {@code 0x0400}
 * are kept as they are and round-trip unchanged.
 */
public record CommandStatus(int code) {

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, CommandStatus> BY_NAME = new HashMap<>();

    public static final CommandStatus ESME_ROK = known(0x00000000, "ESME_ROK");
    public static final CommandStatus ESME_RINVMSGLEN = known(0x00000001, "ESME_RINVMSGLEN");
    public static final CommandStatus ESME_RINVCMDLEN = known(0x00000002, "ESME_RINVCMDLEN");
    public static final CommandStatus ESME_RINVCMDID = known(0x00000003, "ESME_RINVCMDID");
    public static final CommandStatus ESME_RINVBNDSTS = known(0x00000004, "ESME_RINVBNDSTS");
    public static final CommandStatus ESME_RALYBND = known(0x00000005, "ESME_RALYBND");
    public static final CommandStatus ESME_RINVPRTFLG = known(0x00000006, "ESME_RINVPRTFLG");
    public static final CommandStatus ESME_RINVREGDLVFLG = known(0x00000007, "ESME_RINVREGDLVFLG");
    public static final CommandStatus ESME_RSYSERR = known(0x00000008, "ESME_RSYSERR");
    public static final CommandStatus ESME_RINVSRCADR = known(0x0000000A, "ESME_RINVSRCADR");
    public static final CommandStatus ESME_RINVDSTADR = known(0x0000000B, "ESME_RINVDSTADR");
    public static final CommandStatus ESME_RINVMSGID = known(0x0000000C, "ESME_RINVMSGID");
    public static final CommandStatus ESME_RBINDFAIL = known(0x0000000D, "ESME_RBINDFAIL");
    public static final CommandStatus ESME_RINVPASWD = known(0x0000000E, "ESME_RINVPASWD");
    public static final CommandStatus ESME_RINVSYSID = known(0x0000000F, "ESME_RINVSYSID");
    public static final CommandStatus ESME_RCANCELFAIL = known(0x00000011, "ESME_RCANCELFAIL");
    public static final CommandStatus ESME_RREPLACEFAIL = known(0x00000013, "ESME_RREPLACEFAIL");
    public static final CommandStatus ESME_RMSGQFUL = known(0x00000014, "ESME_RMSGQFUL");
    public static final CommandStatus ESME_RINVSERTYP = known(0x00000015, "ESME_RINVSERTYP");
    public static final CommandStatus ESME_RINVNUMDESTS = known(0x00000033, "ESME_RINVNUMDESTS");
    public static final CommandStatus ESME_RINVDLNAME = known(0x00000034, "ESME_RINVDLNAME");
    public static final CommandStatus ESME_RINVDESTFLAG = known(0x00000040, "ESME_RINVDESTFLAG");
    public static final CommandStatus ESME_RINVSUBREP = known(0x00000042, "ESME_RINVSUBREP");
    public static final CommandStatus ESME_RINVESMCLASS = known(0x00000043, "ESME_RINVESMCLASS");
    public static final CommandStatus ESME_RCNTSUBDL = known(0x00000044, "ESME_RCNTSUBDL");
    public static final CommandStatus ESME_RSUBMITFAIL = known(0x00000045, "ESME_RSUBMITFAIL");
    public static final CommandStatus ESME_RINVSRCTON = known(0x00000048, "ESME_RINVSRCTON");
    public static final CommandStatus ESME_RINVSRCNPI = known(0x00000049, "ESME_RINVSRCNPI");
    public static final CommandStatus ESME_RINVDSTTON = known(0x00000050, "ESME_RINVDSTTON");
    public static final CommandStatus ESME_RINVDSTNPI = known(0x00000051, "ESME_RINVDSTNPI");
    public static final CommandStatus ESME_RINVSYSTYP = known(0x00000053, "ESME_RINVSYSTYP");
    public static final CommandStatus ESME_RINVREPFLAG = known(0x00000054, "ESME_RINVREPFLAG");
    public static final CommandStatus ESME_RINVNUMMSGS = known(0x00000055, "ESME_RINVNUMMSGS");
    public static final CommandStatus ESME_RTHROTTLED = known(0x00000058, "ESME_RTHROTTLED");
    public static final CommandStatus ESME_RINVSCHED = known(0x00000061, "ESME_RINVSCHED");
    public static final CommandStatus ESME_RINVEXPIRY = known(0x00000062, "ESME_RINVEXPIRY");
    public static final CommandStatus ESME_RINVDFTMSGID = known(0x00000063, "ESME_RINVDFTMSGID");
    public static final CommandStatus ESME_RX_T_APPN = known(0x00000064, "ESME_RX_T_APPN");
    public static final CommandStatus ESME_RX_P_APPN = known(0x00000065, "ESME_RX_P_APPN");
    public static final CommandStatus ESME_RX_R_APPN = known(0x00000066, "ESME_RX_R_APPN");
    public static final CommandStatus ESME_RQUERYFAIL = known(0x00000067, "ESME_RQUERYFAIL");
    /** SMPP 5.0 calls it ESME_RINVTLVSTREAM. */
    public static final CommandStatus ESME_RINVOPTPARSTREAM = known(0x000000C0, "ESME_RINVOPTPARSTREAM");
    /** SMPP 5.0 calls it ESME_RTLVNOTALLWD. */
    public static final CommandStatus ESME_ROPTPARNOTALLWD = known(0x000000C1, "ESME_ROPTPARNOTALLWD");
    /** SMPP 5.0 calls it ESME_RINVTLVLEN. */
    public static final CommandStatus ESME_RINVPARLEN = known(0x000000C2, "ESME_RINVPARLEN");
    /** SMPP 5.0 calls it ESME_RMISSINGTLV. */
    public static final CommandStatus ESME_RMISSINGOPTPARAM = known(0x000000C3, "ESME_RMISSINGOPTPARAM");
    /** SMPP 5.0 calls it ESME_RINVTLVVAL. */
    public static final CommandStatus ESME_RINVOPTPARAMVAL = known(0x000000C4, "ESME_RINVOPTPARAMVAL");
    public static final CommandStatus ESME_RDELIVERYFAILURE = known(0x000000FE, "ESME_RDELIVERYFAILURE");
    public static final CommandStatus ESME_RUNKNOWNERR = known(0x000000FF, "ESME_RUNKNOWNERR");
    public static final CommandStatus ESME_RSERTYPUNAUTH = known(0x00000100, "ESME_RSERTYPUNAUTH");
    public static final CommandStatus ESME_RPROHIBITED = known(0x00000101, "ESME_RPROHIBITED");
    public static final CommandStatus ESME_RSERTYPUNAVAIL = known(0x00000102, "ESME_RSERTYPUNAVAIL");
    public static final CommandStatus ESME_RSERTYPDENIED = known(0x00000103, "ESME_RSERTYPDENIED");
    /** SMPP 5.0 only: a 3.4-bound peer may not know it. */
    public static final CommandStatus ESME_RINVDCS = known(0x00000104, "ESME_RINVDCS");
    public static final CommandStatus ESME_RINVSRCADDRSUBUNIT = known(0x00000105, "ESME_RINVSRCADDRSUBUNIT");
    public static final CommandStatus ESME_RINVDSTADDRSUBUNIT = known(0x00000106, "ESME_RINVDSTADDRSUBUNIT");
    public static final CommandStatus ESME_RINVBCASTFREQINT = known(0x00000107, "ESME_RINVBCASTFREQINT");
    public static final CommandStatus ESME_RINVBCASTALIAS_NAME = known(0x00000108, "ESME_RINVBCASTALIAS_NAME");
    public static final CommandStatus ESME_RINVBCASTAREAFMT = known(0x00000109, "ESME_RINVBCASTAREAFMT");
    public static final CommandStatus ESME_RINVNUMBCAST_AREAS = known(0x0000010A, "ESME_RINVNUMBCAST_AREAS");
    public static final CommandStatus ESME_RINVBCASTCNTTYPE = known(0x0000010B, "ESME_RINVBCASTCNTTYPE");
    public static final CommandStatus ESME_RINVBCASTMSGCLASS = known(0x0000010C, "ESME_RINVBCASTMSGCLASS");
    public static final CommandStatus ESME_RBCASTFAIL = known(0x0000010D, "ESME_RBCASTFAIL");
    public static final CommandStatus ESME_RBCASTQUERYFAIL = known(0x0000010E, "ESME_RBCASTQUERYFAIL");
    public static final CommandStatus ESME_RBCASTCANCELFAIL = known(0x0000010F, "ESME_RBCASTCANCELFAIL");
    public static final CommandStatus ESME_RINVBCAST_REP = known(0x00000110, "ESME_RINVBCAST_REP");
    public static final CommandStatus ESME_RINVBCASTSRVGRP = known(0x00000111, "ESME_RINVBCASTSRVGRP");
    public static final CommandStatus ESME_RINVBCASTCHANIND = known(0x00000112, "ESME_RINVBCASTCHANIND");

    static {
        // SMPP 5.0 renamed the TLV errors; accept both spellings in valueOf.
        BY_NAME.put("ESME_RINVTLVSTREAM", ESME_RINVOPTPARSTREAM);
        BY_NAME.put("ESME_RTLVNOTALLWD", ESME_ROPTPARNOTALLWD);
        BY_NAME.put("ESME_RINVTLVLEN", ESME_RINVPARLEN);
        BY_NAME.put("ESME_RMISSINGTLV", ESME_RMISSINGOPTPARAM);
        BY_NAME.put("ESME_RINVTLVVAL", ESME_RINVOPTPARAMVAL);
    }

    private static CommandStatus known(int code, String name) {
        CommandStatus status = new CommandStatus(code);
        NAMES.put(code, name);
        BY_NAME.put(name, status);
        return status;
    }

    /** The status for {@code code}, allocation-free for ESME_ROK. */
    public static CommandStatus of(int code) {
        return code == 0 ? ESME_ROK : new CommandStatus(code);
    }

    /** The status named {@code name} ({@code "ESME_RTHROTTLED"}) or written in hex ({@code "0x00000400"}). */
    public static CommandStatus valueOf(String name) {
        CommandStatus status = BY_NAME.get(name);
        if (status != null) {
            return status;
        }
        if (name.startsWith("0x") || name.startsWith("0X")) {
            return of(Integer.parseUnsignedInt(name.substring(2), 16));
        }
        throw new IllegalArgumentException("command_status: " + name + " (expected: an ESME_R* name or 0x hex)");
    }

    public boolean isOk() {
        return code == 0;
    }

    /** The constant's name, or the code in hex ({@code 0x00000400}) for codes the specifications do not name. */
    public String name() {
        String name = NAMES.get(code);
        return name != null ? name : String.format("0x%08x", code);
    }

    @Override
    public String toString() {
        return name();
    }
}
