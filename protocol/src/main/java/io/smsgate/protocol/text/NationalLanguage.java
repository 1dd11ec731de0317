package io.smsgate.protocol.text;

import java.util.Optional;

/**
 * The national language shift tables carried here, by their national language identifier
 * (3GPP TS 23.038 §6.2.1.2.4, tables in Annex A.2 (single shift) and A.3 (locking shift)).
 */
public enum NationalLanguage {
    /** The GSM 7-bit default alphabet (§6.2.1) and its extension table (§6.2.1.1). */
    DEFAULT(0x00, true),
    /** Turkish: locking shift A.3.1, single shift A.2.1. */
    TURKISH(0x01, true),
    /** Spanish: single shift A.2.2 only; 23.038 defines no Spanish locking shift table. */
    SPANISH(0x02, false),
    /** Portuguese: locking shift A.3.3, single shift A.2.3. */
    PORTUGUESE(0x03, true);

    private static final NationalLanguage[] BY_IDENTIFIER = values();

    private final int identifier;
    private final boolean hasLockingShift;

    NationalLanguage(int identifier, boolean hasLockingShift) {
        this.identifier = identifier;
        this.hasLockingShift = hasLockingShift;
    }

    /** The national language identifier carried in UDH IEs 0x24/0x25 (23.038 §6.2.1.2.4). */
    public int identifier() {
        return identifier;
    }

    /** Whether 23.038 Annex A.3 defines a locking shift table for this language. */
    public boolean hasLockingShift() {
        return hasLockingShift;
    }

    /** The language for an identifier, or empty for identifiers whose tables are not carried here. */
    public static Optional<NationalLanguage> fromIdentifier(int identifier) {
        return identifier >= 0 && identifier < BY_IDENTIFIER.length
                ? Optional.of(BY_IDENTIFIER[identifier])
                : Optional.empty();
    }
}
