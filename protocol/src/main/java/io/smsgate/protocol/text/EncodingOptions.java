package io.smsgate.protocol.text;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a carrier accepts besides the GSM-7 default alphabet: national locking and single shift tables,
 * Latin-1 (data_coding 3) and UCS-2 (data_coding 8), and whether smart encoding may transliterate.
 */
public record EncodingOptions(Set<NationalLanguage> lockingShift, Set<NationalLanguage> singleShift,
        boolean latin1, boolean ucs2, boolean smartEncoding) {

    /** GSM-7 default alphabet or UCS-2, no transliteration: what every carrier takes. */
    public static final EncodingOptions DEFAULTS = new EncodingOptions(Set.of(), Set.of(), false, true, false);

    public EncodingOptions {
        lockingShift = Set.copyOf(lockingShift);
        singleShift = Set.copyOf(singleShift);
        for (NationalLanguage language : lockingShift) {
            if (!language.hasLockingShift()) {
                throw new IllegalArgumentException(
                        "lockingShift: " + language + " (expected: a language with an Annex A.3 table)");
            }
        }
    }

    public EncodingOptions withLatin1(boolean latin1) {
        return new EncodingOptions(lockingShift, singleShift, latin1, ucs2, smartEncoding);
    }

    public EncodingOptions withSmartEncoding(boolean smartEncoding) {
        return new EncodingOptions(lockingShift, singleShift, latin1, ucs2, smartEncoding);
    }

    public EncodingOptions withNationalLanguages(Set<NationalLanguage> lockingShift, Set<NationalLanguage> singleShift) {
        return new EncodingOptions(lockingShift, singleShift, latin1, ucs2, smartEncoding);
    }

    /** The GSM-7 alphabets these options allow, default first, in the chooser's order of preference. */
    Gsm7[] gsm7Alphabets() {
        EnumSet<NationalLanguage> locking = EnumSet.of(NationalLanguage.DEFAULT);
        locking.addAll(lockingShift);
        EnumSet<NationalLanguage> single = EnumSet.of(NationalLanguage.DEFAULT);
        single.addAll(singleShift);
        Gsm7[] alphabets = new Gsm7[locking.size() * single.size()];
        int i = 0;
        for (NationalLanguage l : locking) {
            for (NationalLanguage s : single) {
                alphabets[i++] = Gsm7.of(l, s);
            }
        }
        // Fewer shift IEs first: on a tie the plainest header wins.
        Arrays.sort(alphabets, Comparator.comparingInt(Gsm7::shiftIeOctets));
        return alphabets;
    }
}
